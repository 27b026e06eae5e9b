package dev.kubetune.runner.generate;

import java.util.List;

/**
 * How to continue prompts. temperature 0 is greedy; otherwise sampling from softmax(logits / temperature)
 * restricted to the smallest set of tokens whose probability reaches topP, reproducible for a given seed
 * (each prompt draws from its own generator seeded by {@code seed} and its token ids, so results do not
 * depend on how prompts are batched). Generation ends at an EOS id, a stop string (cut from the text),
 * or after maxNewTokens. topLogprobs K &gt; 0 reports the K most likely tokens of every step.
 */
public record GenerationSettings(int maxNewTokens, double temperature, double topP, long seed,
                                 List<String> stop, int topLogprobs, int batchSize) {

    public GenerationSettings {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0");
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must be >= 0");
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("topP must be in (0, 1]");
        }
        if (topLogprobs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("topLogprobs must be >= 0 and batchSize >= 1");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Greedy decoding, no stop strings, batches of 8. */
    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, 0, 1.0, 0, List.of(), 0, 8);
    }

    public boolean sampling() {
        return temperature > 0;
    }

    public GenerationSettings withSampling(double temperature, double topP, long seed) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stop, topLogprobs, batchSize);
    }

    public GenerationSettings withStop(List<String> stopStrings) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stopStrings, topLogprobs, batchSize);
    }

    public GenerationSettings withTopLogprobs(int k) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stop, k, batchSize);
    }

    public GenerationSettings withBatchSize(int size) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stop, topLogprobs, size);
    }
}

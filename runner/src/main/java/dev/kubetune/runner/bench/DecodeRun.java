package dev.kubetune.runner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.KvCache;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.model.WeightDeltas;
import java.util.Random;

/**
 * Greedy decoding as the {@code Generator} does it (preallocated KV cache, a sub-manager per step, the
 * last position's logits brought to Java and the next token chosen there), with the prompt's forward
 * pass timed apart from the steps after it. No end-of-sequence stop: every row makes {@code newTokens}.
 */
final class DecodeRun {

    private DecodeRun() {
    }

    /** Prefill and decode tokens/s of the last of {@code warmup + 1} runs. */
    static CaseResult run(LanguageModel model, BenchCase c, int warmup) {
        Decoder decoder = model.decoder();
        ModelConfig config = decoder.config();
        DataType type = decoder.computeType();
        Random random = new Random(0);
        long[][] prompt = new long[c.batch()][c.prompt()];
        for (long[] row : prompt) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextInt(370);
            }
        }
        int[] padding = new int[c.batch()];
        double prefill = 0;
        double decode = 0;
        for (int run = 0; run <= warmup; run++) {
            try (NDManager scope = model.manager().newSubManager()) {
                KvCache cache = new KvCache(config, c.batch(), c.prompt() + c.newTokens(), scope, type);
                long t0 = System.nanoTime();
                long[][] next;
                try (NDManager step = scope.newSubManager()) {
                    next = greedy(decoder, DecoderInput.of(step, prompt, padding, 0), cache);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < c.newTokens() - 1; i++) {
                    try (NDManager step = scope.newSubManager()) {
                        next = greedy(decoder, DecoderInput.of(step, next, padding, c.prompt() + i), cache);
                    }
                }
                long t2 = System.nanoTime();
                prefill = c.batch() * (double) c.prompt() / ((t1 - t0) / 1e9);
                decode = c.batch() * (double) (c.newTokens() - 1) / ((t2 - t1) / 1e9);
            }
        }
        return new CaseResult(prefill, decode, null);
    }

    private static long[][] greedy(Decoder decoder, DecoderInput input, KvCache cache) {
        NDArray hidden = decoder.forward(input, cache, WeightDeltas.NONE);
        float[] logits = decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
        int batch = input.batchSize();
        int vocab = logits.length / batch;
        long[][] next = new long[batch][1];
        for (int b = 0; b < batch; b++) {
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (logits[b * vocab + v] > logits[b * vocab + best]) {
                    best = v;
                }
            }
            next[b][0] = best;
        }
        return next;
    }
}

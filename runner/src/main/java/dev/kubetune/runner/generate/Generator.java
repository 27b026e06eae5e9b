package dev.kubetune.runner.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.KvCache;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Batched generation with a preallocated KV cache. Prompts of a batch are left-padded and masked, with
 * positions counted per prompt, so each prompt gets what it would get alone. Each batch works in its
 * own sub-manager of the model's, each step in a sub-manager of that.
 */
public final class Generator {

    private final Decoder decoder;
    private final TextTokenizer tokenizer;
    private final NDManager modelManager;
    private final Set<Long> eosIds = new HashSet<>();

    public Generator(Decoder decoder, TextTokenizer tokenizer, NDManager modelManager) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.modelManager = modelManager;
        decoder.config().eosTokenIds().forEach(id -> eosIds.add(id.longValue()));
    }

    /** Prompts encoded as written (special tokens in the text honoured, nothing added). */
    public List<Completion> generate(List<String> prompts, GenerationSettings settings, WeightDeltas adapter) {
        return generateFromIds(prompts.stream().map(tokenizer::encode).toList(), settings, adapter);
    }

    public List<Completion> generateFromIds(List<long[]> prompts, GenerationSettings settings, WeightDeltas adapter) {
        List<Completion> out = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += settings.batchSize()) {
            List<long[]> batch = prompts.subList(from, Math.min(prompts.size(), from + settings.batchSize()));
            out.addAll(generateBatch(batch, settings, adapter));
        }
        return out;
    }

    private List<Completion> generateBatch(List<long[]> prompts, GenerationSettings settings, WeightDeltas adapter) {
        long start = System.nanoTime();
        List<PromptProgress> rows = new ArrayList<>();
        for (long[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("a prompt has no tokens");
            }
            rows.add(new PromptProgress(p, settings.seed()));
        }
        if (settings.maxNewTokens() == 0) {
            rows.forEach(r -> r.finishEmpty(0));
            return rows.stream().map(PromptProgress::completion).toList();
        }
        int batch = rows.size();
        int[] padding = new int[batch];
        long padId = eosIds.isEmpty() ? 0 : eosIds.iterator().next();
        try (NDManager batchManager = modelManager.newSubManager()) {
            int longest = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
            KvCache cache = new KvCache(decoder.config(), batch, longest + settings.maxNewTokens(),
                    batchManager, decoder.computeType());
            float[] logits;
            try (NDManager step = batchManager.newSubManager()) {
                DecoderInput input = DecoderInput.leftPadded(step, prompts, padId, padding);
                logits = lastLogits(input, cache, adapter);
            }
            for (int generated = 1; ; generated++) {
                choose(rows, logits, settings, start);
                if (rows.stream().allMatch(PromptProgress::finished)) {
                    break;
                }
                long[][] next = new long[batch][1];
                for (int b = 0; b < batch; b++) {
                    next[b][0] = rows.get(b).finished() ? padId : rows.get(b).lastToken();
                }
                try (NDManager step = batchManager.newSubManager()) {
                    DecoderInput input = DecoderInput.of(step, next, padding, longest + generated - 1);
                    logits = lastLogits(input, cache, adapter);
                }
            }
        }
        return rows.stream().map(PromptProgress::completion).toList();
    }

    private float[] lastLogits(DecoderInput input, KvCache cache, WeightDeltas adapter) {
        NDArray hidden = decoder.forward(input, cache, adapter);
        return decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
    }

    private void choose(List<PromptProgress> rows, float[] logits, GenerationSettings settings, long start) {
        int vocab = logits.length / rows.size();
        for (int b = 0; b < rows.size(); b++) {
            PromptProgress row = rows.get(b);
            if (row.finished()) {
                continue;
            }
            int offset = b * vocab;
            int token = TokenSampler.next(logits, offset, vocab, settings, row.random);
            List<TokenLogprob> top = new ArrayList<>();
            if (settings.topLogprobs() > 0) {
                for (double[] t : TokenSampler.topLogprobs(logits, offset, vocab, settings.topLogprobs())) {
                    top.add(new TokenLogprob((long) t[0], tokenizer.tokenText((long) t[0]), t[1]));
                }
            }
            row.accept(token, top, eosIds, settings, tokenizer, System.nanoTime() - start);
        }
    }
}

package dev.kubetune.runner.generate;

import dev.kubetune.runner.torch.DtypeGuard;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.KvCache;
import dev.kubetune.runner.model.WeightDeltas;
import java.util.ArrayList;
import java.util.List;

/**
 * Label-likelihood scoring: the log-probability of each candidate label's tokens as the continuation of
 * a prompt, log p(l₁ | prompt) + log p(l₂ | prompt, l₁) + …. A batch of prompts is prefilled once
 * (left-padded, into a KV cache sized for the longest label); each prompt's cache rows are then repeated
 * once per label and all labels' tokens but the last run as one batch over the shared prefixes (shorter
 * labels right-padded: causal attention keeps the padding out of the positions read). The first label
 * token's log-probability comes from the prefill's last position.
 */
public final class LabelScorer {

    private final Decoder decoder;
    private final NDManager modelManager;
    private final long padId;

    public LabelScorer(Decoder decoder, NDManager modelManager) {
        this.decoder = decoder;
        this.modelManager = modelManager;
        this.padId = decoder.config().eosTokenIds().isEmpty() ? 0 : decoder.config().eosTokenIds().get(0);
    }

    /**
     * @param prompts the prompts' token ids (one batch)
     * @param labels  each label's token ids, none empty
     * @return per prompt, per label: the summed log-probability of the label's tokens after the prompt
     */
    public List<double[]> score(List<long[]> prompts, List<long[]> labels, WeightDeltas adapter) {
        int batch = prompts.size();
        int m = labels.size();
        int longestLabel = labels.stream().mapToInt(l -> l.length).max().orElseThrow();
        int longestPrompt = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        double[][] scores = new double[batch][m];
        int[] padding = new int[batch];
        try (NDManager batchManager = modelManager.newSubManager()) {
            KvCache cache = new KvCache(decoder.config(), batch, longestPrompt + longestLabel - 1, batchManager,
                    decoder.computeType());
            try (NDManager step = batchManager.newSubManager()) {
                DecoderInput input = DecoderInput.leftPadded(step, prompts, padId, padding);
                NDArray hidden = decoder.forward(input, cache, adapter).get(new NDIndex(":, -1"));
                float[] first = logSoftmax(hidden);   // [batch, vocab]
                int vocab = first.length / batch;
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < m; j++) {
                        scores[b][j] = first[b * vocab + (int) labels.get(j)[0]];
                    }
                }
            }
            if (longestLabel > 1) {
                continuations(cache, padding, longestPrompt, labels, longestLabel - 1, scores, batchManager, adapter);
            }
        }
        List<double[]> out = new ArrayList<>(batch);
        for (double[] row : scores) {
            out.add(row);
        }
        return out;
    }

    private void continuations(KvCache prefilled, int[] promptPadding, int promptSlots, List<long[]> labels, int steps,
                               double[][] scores, NDManager batchManager, WeightDeltas adapter) {
        int batch = promptPadding.length;
        int m = labels.size();
        long[][] tokens = new long[batch * m][steps];
        int[] padding = new int[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                long[] label = labels.get(j);
                int row = b * m + j;
                padding[row] = promptPadding[b];
                for (int t = 0; t < steps; t++) {
                    tokens[row][t] = t < label.length - 1 ? label[t] : padId;
                }
            }
        }
        try (NDManager step = batchManager.newSubManager()) {
            KvCache cache = prefilled.repeatRows(m, step);
            DecoderInput input = DecoderInput.of(step, tokens, padding, promptSlots);
            float[] logProbs = logSoftmax(decoder.forward(input, cache, adapter));   // [batch * m, steps, vocab]
            int vocab = logProbs.length / (batch * m * steps);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < m; j++) {
                    long[] label = labels.get(j);
                    int row = b * m + j;
                    for (int t = 0; t + 1 < label.length; t++) {
                        scores[b][j] += logProbs[(row * steps + t) * vocab + (int) label[t + 1]];
                    }
                }
            }
        }
    }

    private float[] logSoftmax(NDArray hidden) {
        return DtypeGuard.logSoftmax(decoder.logits(hidden), -1).toFloatArray();
    }
}

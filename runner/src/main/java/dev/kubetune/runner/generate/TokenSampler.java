package dev.kubetune.runner.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Picks the next token from one row of logits: argmax, or temperature / top-p sampling. */
final class TokenSampler {

    private TokenSampler() {}

    static int next(float[] logits, int offset, int vocab, GenerationSettings settings, SplittableRandom random) {
        if (!settings.sampling()) {
            return argMax(logits, offset, vocab);
        }
        double max = logits[offset + argMax(logits, offset, vocab)];
        double[] probs = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            probs[i] = Math.exp((logits[offset + i] - max) / settings.temperature());
            sum += probs[i];
        }
        if (settings.topP() >= 1.0) {
            return draw(probs, null, vocab, sum * random.nextDouble());
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
        double kept = 0;
        int size = 0;
        while (size < vocab && kept < settings.topP() * sum) {
            kept += probs[order[size++]];
        }
        return draw(probs, order, size, kept * random.nextDouble());
    }

    /** The k most likely tokens with their log-softmax values, most likely first. */
    static List<double[]> topLogprobs(float[] logits, int offset, int vocab, int k) {
        double max = logits[offset + argMax(logits, offset, vocab)];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        double logZ = max + Math.log(sum);
        int[] best = new int[Math.min(k, vocab)];
        Arrays.fill(best, -1);
        for (int i = 0; i < vocab; i++) {
            int pos = best.length;
            while (pos > 0 && (best[pos - 1] < 0 || logits[offset + i] > logits[offset + best[pos - 1]])) {
                pos--;
            }
            if (pos < best.length) {
                System.arraycopy(best, pos, best, pos + 1, best.length - pos - 1);
                best[pos] = i;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int id : best) {
            out.add(new double[] {id, logits[offset + id] - logZ});
        }
        return out;
    }

    private static int draw(double[] probs, Integer[] order, int size, double target) {
        double cumulative = 0;
        for (int i = 0; i < size; i++) {
            int id = order == null ? i : order[i];
            cumulative += probs[id];
            if (cumulative > target) {
                return id;
            }
        }
        return order == null ? size - 1 : order[size - 1];
    }

    private static int argMax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}

package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One forward step's input for a batch of left-padded sequences: token ids and positions [B, T],
 * additive attention masks [B, 1, 1, T, S] over key slots [0, S) where S = cacheStart + T (the second
 * for sliding-window layers, null when no layer slides). Row b's first {@code padding[b]} slots are
 * padding; slot differences equal position differences, so causal and window tests use slots.
 */
public record DecoderInput(NDArray tokenIds, NDArray positions, NDArray mask, NDArray slidingMask, int cacheStart) {

    public int batchSize() {
        return (int) tokenIds.getShape().get(0);
    }

    public int length() {
        return (int) tokenIds.getShape().get(1);
    }

    /** Sequences of different lengths, left-padded with {@code padId}; {@code padding} receives each row's pad count. */
    public static DecoderInput leftPadded(NDManager manager, List<long[]> sequences, long padId, int[] padding,
                                          ModelConfig config, DataType computeType) {
        int longest = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[][] tokens = new long[sequences.size()][longest];
        for (int b = 0; b < tokens.length; b++) {
            long[] s = sequences.get(b);
            padding[b] = longest - s.length;
            java.util.Arrays.fill(tokens[b], 0, padding[b], padId);
            System.arraycopy(s, 0, tokens[b], padding[b], s.length);
        }
        return of(manager, tokens, padding, 0, config, computeType);
    }

    /** Tokens [B][T] placed at slots [cacheStart, cacheStart+T). */
    public static DecoderInput of(NDManager manager, long[][] tokens, int[] padding, int cacheStart,
                                  ModelConfig config, DataType computeType) {
        int batch = tokens.length;
        int length = tokens[0].length;
        long[] flat = new long[batch * length];
        long[] positions = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                flat[b * length + t] = tokens[b][t];
                positions[b * length + t] = Math.max(0, cacheStart + t - padding[b]);
            }
        }
        Shape shape = new Shape(batch, length);
        NDArray sliding = config.slidingWindow() == null ? null
                : mask(manager, padding, cacheStart, length, config.slidingWindow(), computeType);
        return new DecoderInput(manager.create(flat, shape), manager.create(positions, shape),
                mask(manager, padding, cacheStart, length, Integer.MAX_VALUE, computeType), sliding, cacheStart);
    }

    private static NDArray mask(NDManager manager, int[] padding, int start, int length, int window, DataType type) {
        int keys = start + length;
        float blocked = -1e9f; // float32 whatever the compute type: scores are masked in float32
        float[] m = new float[padding.length * length * keys];
        int i = 0;
        for (int pad : padding) {
            for (int t = 0; t < length; t++) {
                int query = start + t;
                for (int s = 0; s < keys; s++) {
                    boolean visible = s >= pad && s <= query && s > query - window;
                    m[i++] = visible ? 0f : blocked;
                }
            }
        }
        return manager.create(m, new Shape(padding.length, 1, 1, length, keys));
    }
}

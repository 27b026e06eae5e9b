package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * One forward step's input for a batch of left-padded sequences: token ids and positions [B, T] placed
 * at key slots [cacheStart, cacheStart + T). Row b's first {@code padding[b]} slots are padding. No
 * attention mask is materialised: {@link Attention} builds each query chunk's mask from the slots, the
 * padding and the sliding window (slot differences equal position differences).
 */
public record DecoderInput(NDArray tokenIds, NDArray positions, int[] padding, int cacheStart) {

    public int batchSize() {
        return (int) tokenIds.getShape().get(0);
    }

    public int length() {
        return (int) tokenIds.getShape().get(1);
    }

    /** Sequences of different lengths, left-padded with {@code padId}; {@code padding} receives each row's pad count. */
    public static DecoderInput leftPadded(NDManager manager, List<long[]> sequences, long padId, int[] padding) {
        int longest = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[][] tokens = new long[sequences.size()][longest];
        for (int b = 0; b < tokens.length; b++) {
            long[] s = sequences.get(b);
            padding[b] = longest - s.length;
            Arrays.fill(tokens[b], 0, padding[b], padId);
            System.arraycopy(s, 0, tokens[b], padding[b], s.length);
        }
        return of(manager, tokens, padding, 0);
    }

    /** Tokens [B][T] placed at slots [cacheStart, cacheStart+T). */
    public static DecoderInput of(NDManager manager, long[][] tokens, int[] padding, int cacheStart) {
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
        return new DecoderInput(manager.create(flat, shape), manager.create(positions, shape), padding.clone(),
                cacheStart);
    }
}

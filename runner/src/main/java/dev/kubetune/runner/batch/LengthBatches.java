package dev.kubetune.runner.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Batches of row positions [0, n) for sequences of the given token lengths. A batch is padded to its
 * longest row, so rows of similar length batched together waste less compute on padding. Callers keep
 * their output in row order: batches only say which rows run together.
 */
public final class LengthBatches {

    /** Rows a training batch is grouped within: shuffling stays mostly global, lengths close within a window. */
    static final int WINDOW_BATCHES = 64;

    private LengthBatches() {
    }

    /** Batches of at most {@code size} in row order. */
    public static List<List<Integer>> inOrder(int rows, int size) {
        return cut(IntStream.range(0, rows).boxed().toList(), size);
    }

    /** Generation: longest rows first (memory trouble shows at once), ties in row order, batches of at most {@code size}. */
    public static List<List<Integer>> byLength(int[] lengths, int size) {
        List<Integer> order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> lengths[i]).reversed().thenComparing(i -> i)).toList();
        return cut(order, size);
    }

    /**
     * Training: rows shuffled by {@code random}, then within each window of {@link #WINDOW_BATCHES} batches
     * sorted by length and cut into batches, and the batches shuffled by {@code random} again. The same
     * generator state gives the same batches.
     */
    public static List<List<Integer>> shuffledByLength(int[] lengths, int size, Random random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, lengths.length).boxed().toList());
        Collections.shuffle(order, random);
        List<List<Integer>> batches = new ArrayList<>();
        int window = size * WINDOW_BATCHES;
        for (int from = 0; from < order.size(); from += window) {
            List<Integer> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            part.sort(Comparator.comparingInt(i -> lengths[i]));
            batches.addAll(cut(part, size));
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Rows shuffled by {@code random}, batches of at most {@code size} in that order. */
    public static List<List<Integer>> shuffled(int rows, int size, Random random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, rows).boxed().toList());
        Collections.shuffle(order, random);
        return cut(order, size);
    }

    /** Pad tokens the batches need: each batch's size times its longest row, less the rows' own tokens. */
    public static long padding(List<List<Integer>> batches, int[] lengths) {
        long pad = 0;
        for (List<Integer> batch : batches) {
            int longest = batch.stream().mapToInt(i -> lengths[i]).max().orElse(0);
            pad += batch.stream().mapToLong(i -> longest - lengths[i]).sum();
        }
        return pad;
    }

    private static List<List<Integer>> cut(List<Integer> order, int size) {
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += size) {
            batches.add(List.copyOf(order.subList(from, Math.min(order.size(), from + size))));
        }
        return batches;
    }
}

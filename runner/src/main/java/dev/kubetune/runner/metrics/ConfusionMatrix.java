package dev.kubetune.runner.metrics;

import java.util.List;

/**
 * Counts of (gold label, prediction): one row per label, one column per label plus a last column,
 * {@value #OTHER}, for predictions outside the label set.
 *
 * @param labels the row labels, sorted
 * @param columns the labels, then {@value #OTHER}
 * @param counts {@code counts.get(row).get(column)}
 */
public record ConfusionMatrix(List<String> labels, List<String> columns, List<List<Long>> counts) {

    public static final String OTHER = "other";

    public ConfusionMatrix {
        labels = List.copyOf(labels);
        columns = List.copyOf(columns);
        counts = counts.stream().map(List::copyOf).toList();
    }

    /** How many rows labelled {@code gold} were predicted {@code predicted} (a label or {@value #OTHER}). */
    public long count(String gold, String predicted) {
        int row = labels.indexOf(gold);
        int column = columns.indexOf(predicted);
        return row < 0 || column < 0 ? 0 : counts.get(row).get(column);
    }
}

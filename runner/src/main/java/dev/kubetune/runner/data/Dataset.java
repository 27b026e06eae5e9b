package dev.kubetune.runner.data;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rows read from one file, in file order.
 *
 * @param source where the rows came from (for messages)
 * @param rows the rows, ids unique
 */
public record Dataset(String source, List<DataRow> rows) {

    public Dataset {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /** The distinct gold labels, sorted; empty when the data set is unlabelled. */
    public List<String> labels() {
        TreeSet<String> labels = new TreeSet<>();
        rows.stream().map(DataRow::label).filter(Objects::nonNull).forEach(labels::add);
        return List.copyOf(labels);
    }

    /** Whether every row has a label. */
    public boolean labelled() {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.label() != null);
    }
}

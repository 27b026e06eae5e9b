package dev.kubetune.api.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of fold assignment: for each row (in data-set order) its test fold. Test and training
 * rows of a fold are listed in data-set order.
 */
public record FoldSplit(int k, List<DataRow> rows, int[] foldOfRow) {

    public FoldSplit {
        rows = List.copyOf(rows);
        foldOfRow = foldOfRow.clone();
    }

    /** The held-out rows of {@code fold}. */
    public List<DataRow> testRows(int fold) {
        return select(fold, true);
    }

    /** The rows {@code fold}'s adapter trains on: every other fold. */
    public List<DataRow> trainRows(int fold) {
        return select(fold, false);
    }

    /** The test fold of the row at {@code rowIndex} (data-set order). */
    public int foldOf(int rowIndex) {
        return foldOfRow[rowIndex];
    }

    private List<DataRow> select(int fold, boolean inFold) {
        if (fold < 0 || fold >= k) {
            throw new IllegalArgumentException("fold " + fold + " is outside 0.." + (k - 1));
        }
        List<DataRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if ((foldOfRow[i] == fold) == inFold) {
                out.add(rows.get(i));
            }
        }
        return Collections.unmodifiableList(out);
    }
}

package dev.kubetune.runner.report;

import dev.kubetune.runner.stats.ScoredRow;
import java.util.List;

/**
 * One arm of the statistics: an experiment's scored prediction rows (a FoldTraining's out-of-fold
 * rows, an InferenceRun's rows).
 *
 * @param resource     Kind/name
 * @param label        how the report names it (the comparison table's row label)
 * @param rows         the scored rows
 * @param labels       the allowed labels
 * @param trainedRows  rows the arm's adapter trained on (leakage: kept out of comparisons), 0 or null when none
 * @param trainFraction the FoldTraining's training.trainFraction (null: all, or an InferenceRun)
 */
public record Arm(String resource, String label, List<ScoredRow> rows, List<String> labels, Integer trainedRows,
                  Double trainFraction) {

    /** Whether a metric of this arm is computed on rows its adapter trained on. */
    public boolean leaked() {
        return trainedRows != null && trainedRows > 0;
    }

    /** Matches "Kind/name" or a bare name. */
    boolean named(String reference) {
        return resource.equals(reference) || resource.substring(resource.indexOf('/') + 1).equals(reference);
    }
}

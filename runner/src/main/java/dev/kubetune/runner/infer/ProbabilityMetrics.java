package dev.kubetune.runner.infer;

import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.stats.Bootstrap;
import dev.kubetune.runner.stats.CodedRows;
import dev.kubetune.runner.stats.RowMetric;
import dev.kubetune.runner.stats.ScoredRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** log_loss, brier, ece and roc_auc of predictions that carry label probabilities (likelihood scoring). */
final class ProbabilityMetrics {

    private static final List<RowMetric> METRICS = List.of(RowMetric.LOG_LOSS, RowMetric.BRIER, RowMetric.ECE,
            RowMetric.ROC_AUC);

    private ProbabilityMetrics() {
    }

    /** Empty unless every prediction has probabilities and a gold label; roc_auc left out when undefined. */
    static Map<String, Double> of(List<Prediction> predictions, List<String> labels) {
        if (predictions.stream().anyMatch(p -> p.probabilities() == null || p.label() == null)) {
            return Map.of();
        }
        CodedRows rows = new CodedRows(predictions.stream()
                .map(p -> new ScoredRow(p.id(), p.label(), p.prediction(), p.probabilities())).toList(), labels);
        Map<String, Double> out = new LinkedHashMap<>();
        int[] all = Bootstrap.identity(rows.size());
        for (RowMetric m : METRICS) {
            double value = m.compute(rows, all);
            if (!Double.isNaN(value)) {
                out.put(m.metricName(), value);
            }
        }
        return out;
    }
}

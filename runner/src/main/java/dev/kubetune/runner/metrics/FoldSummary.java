package dev.kubetune.runner.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics summarized over folds, and the best fold.
 *
 * @param metrics each metric's summary, by name (sorted)
 * @param mainMetric the metric that picks the best fold (higher is better)
 * @param bestFold the index of the fold with the highest main metric (the lowest index on a tie)
 * @param bestValue that fold's main metric
 */
public record FoldSummary(Map<String, MetricSummary> metrics, String mainMetric, int bestFold, double bestValue) {

    public static FoldSummary of(List<FoldMetrics> folds, String mainMetric) {
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no folds to summarize");
        }
        Map<String, List<Double>> values = new TreeMap<>();
        folds.forEach(f -> f.metrics().forEach((name, v) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(v)));
        Map<String, MetricSummary> summaries = new TreeMap<>();
        values.forEach((name, list) -> summaries.put(name, MetricSummary.of(list)));

        FoldMetrics best = null;
        for (FoldMetrics fold : folds) {
            Double value = fold.metrics().get(mainMetric);
            if (value == null) {
                throw new IllegalArgumentException("fold " + fold.fold() + " has no metric '" + mainMetric + "'");
            }
            if (best == null || value > best.metrics().get(mainMetric)
                    || (value == best.metrics().get(mainMetric).doubleValue() && fold.fold() < best.fold())) {
                best = fold;
            }
        }
        return new FoldSummary(summaries, mainMetric, best.fold(), best.metrics().get(mainMetric));
    }
}

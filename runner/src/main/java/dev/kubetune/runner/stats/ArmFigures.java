package dev.kubetune.runner.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric the rows support, each with its bootstrap interval over rows, and the reliability bins
 * when the rows carry probabilities.
 *
 * @param rows        rows scored
 * @param metrics     by metric name, in {@link RowMetric} order
 * @param reliability the reliability diagram's bins (empty without probabilities)
 */
public record ArmFigures(int rows, Map<String, Interval> metrics, List<Calibration.Bin> reliability) {

    public static ArmFigures of(List<ScoredRow> rows, List<String> labels, Bootstrap bootstrap) {
        CodedRows coded = new CodedRows(rows, labels);
        Map<String, Interval> metrics = new LinkedHashMap<>();
        for (RowMetric m : RowMetric.applicable(coded)) {
            metrics.put(m.metricName(), bootstrap.interval(coded.size(), s -> m.compute(coded, s)));
        }
        List<Calibration.Bin> bins = coded.hasProbabilities()
                ? Calibration.reliability(coded, Bootstrap.identity(coded.size())) : List.of();
        return new ArmFigures(rows.size(), metrics, bins);
    }
}

package dev.kubetune.runner.metrics;

import java.util.List;

/**
 * One metric over folds.
 *
 * @param n how many folds had it
 * @param mean the mean
 * @param std the sample standard deviation (divisor n − 1); 0 for a single fold
 * @param min the smallest value
 * @param max the largest value
 */
public record MetricSummary(int n, double mean, double std, double min, double max) {

    public static MetricSummary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarize");
        }
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
        return new MetricSummary(n, mean, std, values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
}

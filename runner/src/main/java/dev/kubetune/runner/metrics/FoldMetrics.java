package dev.kubetune.runner.metrics;

import java.util.Map;

/**
 * One fold's metrics by name ({@code accuracy}, {@code macro_f1}, {@code tokens_per_second}…).
 *
 * @param fold the fold's index
 * @param metrics the figures
 */
public record FoldMetrics(int fold, Map<String, Double> metrics) {

    public FoldMetrics {
        metrics = Map.copyOf(metrics);
    }
}

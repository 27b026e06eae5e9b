package dev.kubetune.runner.report;

import dev.kubetune.api.status.MetricStats;

/** A reported number: a single value (std null) or a mean ± sample std over folds. */
public record Measure(double value, Double std) {

    static Measure of(Double value) {
        return value == null ? null : new Measure(value, null);
    }

    static Measure of(MetricStats stats) {
        return stats == null ? null : new Measure(stats.getMean(), stats.getStd());
    }

    /** "0.812 ± 0.031" or "0.812". */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return std == null ? String.format(java.util.Locale.ROOT, f, value)
                : String.format(java.util.Locale.ROOT, f + " ± " + f, value, std);
    }
}

package dev.kubetune.runner.metrics;

import java.util.List;

/**
 * Latency figures of a run, in milliseconds. Percentiles are nearest-rank: the p-th percentile of n
 * sorted values is the value at rank ⌈p/100 · n⌉ (1-based), so it is always an observed latency.
 *
 * @param count how many latencies
 * @param meanMs their mean
 * @param p50Ms the median (nearest rank)
 * @param p95Ms the 95th percentile (nearest rank)
 * @param maxMs the largest
 */
public record LatencyStats(int count, double meanMs, double p50Ms, double p95Ms, double maxMs) {

    public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0, 0);

    public static LatencyStats of(List<Double> latenciesMs) {
        if (latenciesMs.isEmpty()) {
            return NONE;
        }
        List<Double> sorted = latenciesMs.stream().sorted().toList();
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new LatencyStats(sorted.size(), mean, percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1));
    }

    /** The nearest-rank {@code p}-th percentile (0 &lt; p ≤ 100) of ascending {@code sorted}. */
    public static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** Generated tokens per second of wall-clock time; 0 when no time passed. */
    public static double tokensPerSecond(long tokens, double seconds) {
        return seconds <= 0 ? 0 : tokens / seconds;
    }
}

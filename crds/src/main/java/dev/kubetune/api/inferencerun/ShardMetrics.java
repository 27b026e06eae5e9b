package dev.kubetune.api.inferencerun;

import dev.kubetune.api.contract.MetricNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Combines the scalar metrics of an InferenceRun's shards into the run's metrics: counts and
 * throughput add up, peak memory and p95 latency take the maximum (p95 is then an upper bound),
 * accuracy and p50 latency are row-weighted means; macro-F1 and weighted-F1 are recomputed exactly
 * from the shards' per-class counts ({@link MetricNames#COUNT_SUPPORT} …); ece and roc_auc of several shards
 * are left out (kubetune report computes them from the predictions).
 */
public final class ShardMetrics {

    private static final Set<String> SUMS = Set.of(MetricNames.ROWS, MetricNames.PROMPT_TOKENS,
            MetricNames.GENERATED_TOKENS, MetricNames.TOKENS_PER_SECOND, MetricNames.TRUNCATED_ROWS,
            MetricNames.TRAINED_ROWS);
    private static final Set<String> MAXIMA = Set.of(MetricNames.PEAK_MEMORY_BYTES, MetricNames.LATENCY_P95_MS,
            MetricNames.DURATION_SECONDS);

    /** Figures of a whole set of rows that no combination of the shards' values gives. */
    private static final Set<String> PER_ROW_SET = Set.of(MetricNames.ECE, MetricNames.ROC_AUC);

    private ShardMetrics() {
    }

    public static Map<String, Double> combine(List<Map<String, Double>> shards) {
        Map<String, Double> out = new TreeMap<>();
        double rows = shards.stream().mapToDouble(m -> m.getOrDefault(MetricNames.ROWS, 0.0)).sum();
        Set<String> names = new TreeSet<>();
        shards.forEach(m -> names.addAll(m.keySet()));
        for (String name : names) {
            if (SUMS.contains(name) || name.startsWith("count.")) {
                out.put(name, shards.stream().mapToDouble(m -> m.getOrDefault(name, 0.0)).sum());
            } else if (PER_ROW_SET.contains(name) && shards.size() > 1) {
                continue;   // not a mean of per-row values: the report computes it from the predictions
            } else if (MAXIMA.contains(name)) {
                out.put(name, shards.stream().mapToDouble(m -> m.getOrDefault(name, 0.0)).max().orElse(0));
            } else if (rows > 0) {
                out.put(name, shards.stream().filter(m -> m.containsKey(name))
                        .mapToDouble(m -> m.get(name) * m.getOrDefault(MetricNames.ROWS, 0.0)).sum() / rows);
            }
        }
        recomputeF1(out);
        return out;
    }

    private static void recomputeF1(Map<String, Double> m) {
        Set<String> labels = new TreeSet<>();
        m.keySet().stream().filter(k -> k.startsWith(MetricNames.COUNT_SUPPORT))
                .forEach(k -> labels.add(k.substring(MetricNames.COUNT_SUPPORT.length())));
        if (labels.isEmpty()) {
            return;
        }
        double macro = 0;
        double weighted = 0;
        double support = 0;
        for (String label : labels) {
            double tp = m.getOrDefault(MetricNames.COUNT_TRUE_POSITIVES + label, 0.0);
            double predicted = m.getOrDefault(MetricNames.COUNT_PREDICTED + label, 0.0);
            double actual = m.getOrDefault(MetricNames.COUNT_SUPPORT + label, 0.0);
            double f1 = predicted + actual == 0 ? 0 : 2 * tp / (predicted + actual);
            macro += f1;
            weighted += f1 * actual;
            support += actual;
        }
        m.put(MetricNames.MACRO_F1, macro / labels.size());
        if (support > 0) {
            m.put(MetricNames.WEIGHTED_F1, weighted / support);
        }
    }
}

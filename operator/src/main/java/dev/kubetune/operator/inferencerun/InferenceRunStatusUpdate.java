package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.ExperimentStatusLogic;
import dev.kubetune.api.status.MainMetric;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An InferenceRun's status from its shards' entries (pure): progress, rows, the metrics over all rows,
 * outputs, then phase and conditions from the shared {@link ExperimentStatusLogic}.
 * Callers set {@code status.shards} and call {@link #update}.
 *
 * <p>Metrics over all rows are the shards' values weighted by their rows ({@code rows} itself is
 * summed); that is exact for accuracy and throughput-like means, an approximation for macro F1 until
 * the shards' confusion matrices are merged from their metrics files.
 */
public final class InferenceRunStatusUpdate {

    private InferenceRunStatusUpdate() {
    }

    /**
     * @param adapter    the resolved adapter folder, when resolved
     * @param waitingFor what the run waits for (null: nothing)
     */
    public static void update(InferenceRun run, String adapter, String waitingFor, Instant now) {
        InferenceRunStatus status = run.getStatus();
        int total = run.getSpec().getShards();
        List<ShardStatus> shards = status.getShards();
        shards.sort(Comparator.comparingInt(ShardStatus::getIndex));
        List<ShardStatus> succeeded = shards.stream().filter(s -> s.getPhase() == UnitPhase.Succeeded).toList();
        status.setProgress(ExperimentStatusLogic.progress(shards, total));
        status.setAdapter(adapter);
        status.setRows(succeeded.isEmpty() ? null : succeeded.stream()
                .mapToInt(s -> s.getRows() == null ? 0 : s.getRows()).sum());
        Map<String, Double> metrics = metrics(succeeded);
        status.setMetrics(metrics.isEmpty() ? null : metrics);
        List<String> outputs = succeeded.stream().map(ShardStatus::getPredictions).filter(Objects::nonNull).toList();
        status.setOutputs(outputs.isEmpty() ? null : new ArrayList<>(outputs));
        var evaluation = run.getSpec().getEvaluation();
        if (evaluation != null && evaluation.getMetrics() != null && !evaluation.getMetrics().isEmpty()) {
            MainMetric main = new MainMetric();
            main.setName(evaluation.getMetrics().get(0).value());
            main.setValue(metrics.get(main.getName()));
            status.setMainMetric(main);
        }
        Long generation = run.getMetadata() == null ? null : run.getMetadata().getGeneration();
        Phase phase = ExperimentStatusLogic.phase(shards, total, run.getSpec().isSuspend(), waitingFor != null);
        ExperimentStatusLogic.apply(status, phase, shards, total, waitingFor, generation == null ? 0 : generation, now);
    }

    static Map<String, Double> metrics(List<ShardStatus> succeeded) {
        TreeSet<String> names = new TreeSet<>();
        succeeded.forEach(s -> names.addAll(s.getMetrics() == null ? List.of() : s.getMetrics().keySet()));
        Map<String, Double> metrics = new TreeMap<>();
        for (String name : names) {
            if (!succeeded.stream().allMatch(s -> s.getMetrics() != null && s.getMetrics().get(name) != null)) {
                continue;
            }
            if (name.equals("rows")) {
                metrics.put(name, succeeded.stream().mapToDouble(s -> s.getMetrics().get(name)).sum());
                continue;
            }
            double weights = succeeded.stream().mapToDouble(InferenceRunStatusUpdate::weight).sum();
            double sum = succeeded.stream().mapToDouble(s -> weight(s) * s.getMetrics().get(name)).sum();
            metrics.put(name, sum / weights);
        }
        return metrics;
    }

    private static double weight(ShardStatus shard) {
        return shard.getRows() == null || shard.getRows() <= 0 ? 1.0 : shard.getRows();
    }
}

package dev.kubetune.api.inferencerun;

import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.status.ExperimentStatusLogic;
import dev.kubetune.api.status.MainMetric;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An InferenceRun's status from its shards' entries: progress, rows, the run's metrics over the
 * succeeded shards (see {@link ShardMetrics}), output files in row order, phase and conditions.
 * Pure: callers update {@code status.shards} and call {@link #update}.
 */
public final class InferenceRunStatusLogic {

    private InferenceRunStatusLogic() {
    }

    /**
     * @param waitingFor what the run waits for (FoldTraining/name) while its adapter is not there, else null
     */
    public static void update(InferenceRun run, String waitingFor, Instant now) {
        update(run, null, waitingFor, now);
    }

    /**
     * @param waitingReason why the run waits (WaitingForFoldTraining when null; FoldTrainingNotFound, FoldTrainingFailed)
     * @param waitingFor    what the run waits for (FoldTraining/name) while its adapter is not there, else null
     */
    public static void update(InferenceRun run, String waitingReason, String waitingFor, Instant now) {
        InferenceRunSpec spec = run.getSpec();
        InferenceRunStatus status = run.getStatus();
        int shards = spec.getShards();
        List<ShardStatus> units = status.getShards();
        units.sort(Comparator.comparingInt(ShardStatus::getIndex));
        List<ShardStatus> succeeded = units.stream().filter(s -> s.getPhase() == UnitPhase.Succeeded).toList();
        status.setProgress(ExperimentStatusLogic.progress(units, shards));
        status.setRows(succeeded.isEmpty() ? null
                : succeeded.stream().map(ShardStatus::getRows).filter(Objects::nonNull).mapToInt(Integer::intValue).sum());
        List<Map<String, Double>> metrics = succeeded.stream().map(ShardStatus::getMetrics).filter(Objects::nonNull).toList();
        status.setMetrics(metrics.isEmpty() ? null : ShardMetrics.combine(metrics));
        Double trained = status.getMetrics() == null ? null : status.getMetrics().get(MetricNames.TRAINED_ROWS);
        status.setTrainedRows(trained == null ? null : (int) Math.round(trained));
        status.setTruncatedRows(ExperimentStatusLogic.truncatedRows(units));
        List<String> outputs = succeeded.stream().map(ShardStatus::getPredictions).filter(Objects::nonNull).toList();
        status.setOutputs(outputs.isEmpty() ? null : new java.util.ArrayList<>(outputs));
        String main = spec.getEvaluation().getMetrics().get(0).value();
        MainMetric mainMetric = new MainMetric();
        mainMetric.setName(main);
        mainMetric.setValue(status.getMetrics() == null ? null : status.getMetrics().get(main));
        status.setMainMetric(mainMetric);
        Long generation = run.getMetadata() == null ? null : run.getMetadata().getGeneration();
        Phase phase = ExperimentStatusLogic.phase(units, shards, spec.isSuspend(), waitingFor != null);
        ExperimentStatusLogic.apply(status, phase, units, shards, waitingReason, waitingFor, generation == null ? 0 : generation, now);
    }
}

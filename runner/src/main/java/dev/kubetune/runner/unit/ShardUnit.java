package dev.kubetune.runner.unit;

import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.plan.ShardPlanner;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferenceOutcome;
import dev.kubetune.runner.infer.InferencePlan;
import dev.kubetune.runner.infer.InferenceService;
import dev.kubetune.runner.output.StagedFolder;
import dev.kubetune.runner.task.TaskInputs;
import dev.kubetune.runner.task.TrainedRows;
import java.nio.file.Path;

/**
 * One shard of an InferenceRun: its contiguous slice of the selected rows, predicted with the run's
 * settings, written under {@code <output volume>/<ns>/<name>/shard-j/}.
 */
public final class ShardUnit {

    private ShardUnit() {
    }

    public static RunnerResult run(RunnerTask task, int shard) {
        long start = System.nanoTime();
        InferenceRunSpec spec = task.inferenceRun();
        WorkUnit unit = WorkUnit.shard(shard);
        if (shard >= spec.getShards()) {
            throw new dev.kubetune.runner.BadInputException("unit " + unit + ": the InferenceRun has shards 0.."
                    + (spec.getShards() - 1));
        }
        Path root = TaskInputs.outputRoot(task, spec);
        String unitDir = ArtifactLayout.unitDir(task.namespace(), task.name(), unit);
        String predictions = ArtifactLayout.predictionsFile(task.namespace(), task.name(), unit, spec.getOutput().getFormat());
        String metrics = ArtifactLayout.metricsFile(task.namespace(), task.name(), unit);
        try (StagedFolder staged = StagedFolder.begin(root.resolve(unitDir))) {
            Path out = staged.path();
            InferConfig config = TaskInputs.inferenceRun(task, spec).merge(InferConfig.of(java.util.Map.of(
                    "output", out.resolve(Path.of(predictions).getFileName()).toString(),
                    "metrics", out.resolve(Path.of(metrics).getFileName()).toString())));
            InferencePlan plan = InferencePlan.prepare(InferSettings.resolve(config),
                    rows -> ShardPlanner.slice(rows, spec.getShards(), shard));
            InferenceOutcome outcome = plan.rows().isEmpty() ? null : InferenceService.run(plan);
            UnitArtifacts.writeInference(plan.settings(), outcome);
            double seconds = (System.nanoTime() - start) / 1e9;
            java.util.Map<String, Double> scalars = new java.util.LinkedHashMap<>(
                    outcome == null ? java.util.Map.of(MetricNames.ROWS, 0.0) : outcome.scalars());
            Integer trained = TrainedRows.count(plan.settings().adapter(), plan.rows());
            if (trained != null) {
                scalars.put(MetricNames.TRAINED_ROWS, (double) trained);
            }
            RunnerResult result = new RunnerResult(unit.name(), true, null, plan.rows().size() + " rows predicted"
                    + (outcome == null ? "" : " in " + outcome.report().get(InferenceService.COMPUTE)),
                    scalars, null, null, predictions,
                    metrics, plan.rows().size(), null, null, seconds, plan.truncatedRows());
            UnitArtifacts.writeResult(out, result);
            staged.commit();
            return result;
        }
    }
}

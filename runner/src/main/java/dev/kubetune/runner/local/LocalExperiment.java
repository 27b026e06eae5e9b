package dev.kubetune.runner.local;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.InferenceRunStatusLogic;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.plan.UnitPlanner;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.status.UnitStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource run by the local executor: its units with their status entries (the same status
 * classes and logic as the operator), and its task once everything it needs is there.
 */
final class LocalExperiment {

    final CustomResource<?, ?> resource;
    final Map<String, String> mounts;
    final Map<WorkUnit, UnitStatus> units = new LinkedHashMap<>();
    RunnerTask task;
    String waitingFor;

    LocalExperiment(CustomResource<?, ?> resource, Map<String, String> mounts) {
        this.resource = resource;
        this.mounts = mounts;
        if (resource.getMetadata().getGeneration() == null) {
            resource.getMetadata().setGeneration(1L);  // as the API server numbers a new resource
        }
        if (resource instanceof FoldTraining training) {
            FoldTrainingStatus status = new FoldTrainingStatus();
            training.setStatus(status);
            for (WorkUnit unit : UnitPlanner.units(training.getSpec())) {
                FoldStatus fold = new FoldStatus();
                status.getFolds().add(init(fold, unit));
            }
        } else {
            InferenceRun run = (InferenceRun) resource;
            InferenceRunStatus status = new InferenceRunStatus();
            run.setStatus(status);
            for (WorkUnit unit : UnitPlanner.units(run.getSpec())) {
                status.getShards().add(init(new ShardStatus(), unit));
            }
        }
    }

    private <T extends UnitStatus> T init(T status, WorkUnit unit) {
        status.setIndex(unit.index());
        status.setPhase(dev.kubetune.api.status.UnitPhase.Pending);
        status.setJob(KubeNames.job(resource.getMetadata().getName(),
                unit.type() == WorkUnit.Type.FOLD ? unit.name() : JobFactory.SHARDS_UNIT));
        units.put(unit, status);
        return status;
    }

    String name() {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    /** The output volume's folder, which the units' artifact paths are relative to. */
    java.nio.file.Path outputRoot() {
        return java.nio.file.Path.of(mounts.get(spec().getOutput().getVolume()));
    }

    ExperimentSpec spec() {
        return (ExperimentSpec) resource.getSpec();
    }

    /** The task with this machine's folders as mounts. */
    void makeTask(String resolvedAdapter) {
        RunnerTask cluster = ConfigMapFactory.task(resource, resolvedAdapter);
        task = new RunnerTask(cluster.kind(), cluster.namespace(), cluster.name(), cluster.generation(),
                cluster.foldTraining(), cluster.inferenceRun(), mounts, resolvedAdapter);
    }

    String inputsHash(WorkUnit unit) {
        return resource instanceof FoldTraining t ? InputsHash.of(t.getSpec(), unit.name())
                : InputsHash.of(((InferenceRun) resource).getSpec(), unit.name(), task.resolvedAdapter());
    }

    /** Recomputes phase, summary and conditions with the shared status logic. */
    void refresh(Instant now) {
        if (resource instanceof FoldTraining training) {
            FoldTrainingStatusLogic.update(training, now);
        } else {
            InferenceRunStatusLogic.update((InferenceRun) resource, waitingFor, now);
        }
    }

    boolean finished() {
        return units.values().stream().allMatch(u -> u.getPhase().isFinished())
                || units.values().stream().anyMatch(u -> u.getPhase() == dev.kubetune.api.status.UnitPhase.Failed)
                && units.values().stream().noneMatch(u -> u.getPhase() == dev.kubetune.api.status.UnitPhase.Running);
    }

    List<UnitStatus> statuses() {
        return List.copyOf(units.values());
    }
}

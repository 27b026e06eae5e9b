package dev.kubetune.api.job;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.plan.UnitPlanner;
import dev.kubetune.api.spec.ExperimentSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch/v1 Jobs of a resource: one Job per fold of a FoldTraining ({@code <name>-fold-3}); one
 * Indexed Job for all shards of an InferenceRun ({@code <name>-shards}, one pod per shard, the pod's
 * unit {@code shard-$(JOB_COMPLETION_INDEX)}), or, on an API server without Indexed Jobs, one Job per
 * shard ({@code <name>-shard-1}). Fields the server does not know ({@link JobApiFeatures}) are left out.
 * Pure: the same resource and defaults give the same Jobs.
 */
public final class JobFactory {

    /** The unit label (and name suffix) of an InferenceRun's Indexed Job. */
    public static final String SHARDS_UNIT = "shards";
    /** The pod condition Kubernetes sets when a pod is evicted, preempted or its node drained. */
    static final String DISRUPTION_TARGET = "DisruptionTarget";

    private JobFactory() {
    }

    /** Every Job of {@code resource} (a FoldTraining or an InferenceRun). */
    public static List<Job> jobs(CustomResource<?, ?> resource, String resolvedAdapter, JobDefaults defaults) {
        if (resource instanceof FoldTraining training) {
            List<Job> jobs = new ArrayList<>();
            for (WorkUnit unit : UnitPlanner.units(training.getSpec())) {
                jobs.add(foldJob(training, unit, defaults));
            }
            return jobs;
        }
        if (resource instanceof InferenceRun run) {
            if (defaults.features().indexedJobs()) {
                return List.of(shardsJob(run, resolvedAdapter, defaults));
            }
            List<Job> jobs = new ArrayList<>();
            for (int shard = 0; shard < run.getSpec().getShards(); shard++) {
                jobs.add(shardJob(run, shard, resolvedAdapter, defaults));
            }
            return jobs;
        }
        throw new IllegalArgumentException("no Jobs for kind " + resource.getKind());
    }

    /** The Job of one fold. */
    public static Job foldJob(FoldTraining training, WorkUnit fold, JobDefaults defaults) {
        String hash = InputsHash.of(training.getSpec(), fold.name());
        return job(training, fold.name(), fold.name(), 1, false, hash, defaults);
    }

    /** The Indexed Job running every shard of an InferenceRun ({@code completions = parallelism = shards}). */
    public static Job shardsJob(InferenceRun run, String resolvedAdapter, JobDefaults defaults) {
        String hash = InputsHash.of(run.getSpec(), SHARDS_UNIT, resolvedAdapter);
        String unitArgument = WorkUnit.Type.SHARD.prefix() + "-$(JOB_COMPLETION_INDEX)";
        return job(run, SHARDS_UNIT, unitArgument, run.getSpec().getShards(), true, hash, defaults);
    }

    /** The Job of one shard, for a server without Indexed Jobs ({@code <name>-shard-1}, unit {@code shard-1}). */
    public static Job shardJob(InferenceRun run, int shard, String resolvedAdapter, JobDefaults defaults) {
        String unit = shardUnit(shard);
        String hash = InputsHash.of(run.getSpec(), unit, resolvedAdapter);
        return job(run, unit, unit, 1, false, hash, defaults);
    }

    /** The unit label (and Job name suffix) of one shard's own Job. */
    public static String shardUnit(int shard) {
        return WorkUnit.Type.SHARD.prefix() + "-" + shard;
    }

    /** The unit labels of an InferenceRun's Jobs: {@code shards}, or one per shard without Indexed Jobs. */
    public static List<String> shardJobUnits(InferenceRun run, JobDefaults defaults) {
        if (defaults.features().indexedJobs()) {
            return List.of(SHARDS_UNIT);
        }
        List<String> units = new ArrayList<>();
        for (int shard = 0; shard < run.getSpec().getShards(); shard++) {
            units.add(shardUnit(shard));
        }
        return units;
    }

    /** Rules: exit code 65 (bad input) fails the Job at once; disruptions (eviction, preemption) are not counted. */
    public static PodFailurePolicy podFailurePolicy() {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                    .withAction("FailJob")
                    .withNewOnExitCodes()
                        .withContainerName(RunnerPodFactory.CONTAINER)
                        .withOperator("In")
                        .withValues(ExitCodes.BAD_INPUT)
                    .endOnExitCodes()
                .endRule()
                .addNewRule()
                    .withAction("Ignore")
                    .addNewOnPodCondition().withType(DISRUPTION_TARGET).withStatus("True").endOnPodCondition()
                .endRule()
                .build();
    }

    private static Job job(CustomResource<?, ?> resource, String unitLabel, String unitArgument, int pods,
                           boolean indexed, String inputsHash, JobDefaults defaults) {
        ExperimentSpec spec = (ExperimentSpec) resource.getSpec();
        String name = resource.getMetadata().getName();
        String queue = defaults.kueueAdmission() ? spec.getScheduling().getQueueName() : null;
        JobApiFeatures features = defaults.features();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Kubetune.LABEL_UNIT, unitLabel);
        if (queue != null && !queue.isEmpty()) {
            labels.put(ChildMetadata.LABEL_KUEUE_QUEUE, queue);
        }
        ObjectMeta meta = ChildMetadata.of(resource, KubeNames.job(name, unitLabel), labels,
                Map.of(ChildMetadata.ANNOTATION_INPUTS_HASH, inputsHash));
        Map<String, String> podLabels = new LinkedHashMap<>(meta.getLabels());
        podLabels.remove(ChildMetadata.LABEL_KUEUE_QUEUE);
        PodSpec pod = RunnerPodFactory.podSpec(spec, KubeNames.configMap(name), unitArgument, defaults);
        return new JobBuilder()
                .withMetadata(meta)
                .withNewSpec()
                    .withCompletions(pods)
                    .withParallelism(pods)
                    .withCompletionMode(!features.indexedJobs() ? null : indexed ? "Indexed" : "NonIndexed")
                    .withBackoffLimit(spec.getBackoffLimit())
                    .withSuspend(!features.jobSuspend() ? null : spec.isSuspend() || (queue != null && !queue.isEmpty()))
                    .withPodFailurePolicy(features.podFailurePolicy() ? podFailurePolicy() : null)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(podLabels).endMetadata()
                        .withSpec(pod)
                    .endTemplate()
                .endSpec()
                .build();
    }
}

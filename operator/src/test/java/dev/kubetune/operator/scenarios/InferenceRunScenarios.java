package dev.kubetune.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/** InferenceRun behaviour through the API; see {@link FoldTrainingScenarios}. */
public final class InferenceRunScenarios {

    private final KubernetesClient client;
    private final TestKubelet kubelet;
    private final String namespace;
    private final FoldTrainingScenarios folds;
    private final ChildObjects children;

    public InferenceRunScenarios(KubernetesClient client, TestKubelet kubelet, String namespace) {
        this.client = client;
        this.kubelet = kubelet;
        this.namespace = namespace;
        this.folds = new FoldTrainingScenarios(client, kubelet, namespace);
        this.children = folds.children;
    }

    /**
     * A run on a FoldTraining's best fold waits (Waiting: FoldTrainingNotFound while the FoldTraining is
     * missing, WaitingForFoldTraining while it is unfinished), then runs its Indexed Job with the best fold's adapter.
     */
    public void waitsForBestFoldThenRuns(String name, String training) {
        waitsForBestFold(name, training, true);
        runsShardsWithBestFold(name, training, true);
    }

    /**
     * The first half of {@link #waitsForBestFoldThenRuns}: Waiting until the best fold is known, then its Jobs:
     * one Indexed Job, or ({@code indexed} false: a server without Indexed Jobs) one Job per shard.
     */
    public void waitsForBestFold(String name, String training, boolean indexed) {
        client.resource(Manifests.inferenceRunFrom(namespace, name, training, 2)).create();
        awaitPhase(name, Phase.Waiting);
        var waiting = Conditions.find(get(name).getStatus().getConditions(), ConditionType.WAITING).orElseThrow();
        assertThat(waiting.getStatus()).isEqualTo("True");
        assertThat(waiting.getReason()).isEqualTo(ConditionReason.FOLD_TRAINING_NOT_FOUND);
        assertThat(waiting.getMessage()).contains("FoldTraining/" + training, "(not found)");
        assertThat(jobsOf(name)).as("no Job while waiting").isEmpty();

        client.resource(Manifests.foldTraining(namespace, training, 2, null, 2)).create();
        children.awaitRunningPod(folds.job(training, 0));
        children.awaitRunningPod(folds.job(training, 1));
        kubelet.succeed(folds.job(training, 0), null, Manifests.foldResult(namespace, training, 0, 0.7, 0.6));
        folds.awaitFold(training, 0, UnitPhase.Succeeded);
        assertThat(get(name).getStatus().getPhase()).as("still waiting: the best fold is not known yet")
                .isEqualTo(Phase.Waiting);
        assertThat(Conditions.find(get(name).getStatus().getConditions(), ConditionType.WAITING).orElseThrow().getReason())
                .isEqualTo(ConditionReason.WAITING_FOR_FOLD_TRAINING);
        assertThat(jobsOf(name)).isEmpty();
        kubelet.succeed(folds.job(training, 1), null, Manifests.foldResult(namespace, training, 1, 0.9, 0.8));
        folds.awaitPhase(training, Phase.Succeeded);

        if (indexed) {
            Await.until("the Job of " + name, () -> job(name) != null);
            assertThat(job(name).getSpec().getCompletions()).isEqualTo(2);
        } else {
            Await.until("the Jobs of " + name + "'s two shards", () -> jobsOf(name).size() == 2, () -> jobsOf(name).toString());
            assertThat(jobsOf(name)).extracting(j -> j.getMetadata().getName())
                    .containsExactlyInAnyOrder(shardJobName(name, 0), shardJobName(name, 1));
            assertThat(jobsOf(name)).allSatisfy(j -> assertThat(j.getSpec().getCompletions()).isEqualTo(1));
        }
        RunnerTask task = TaskYaml.read(client.configMaps().inNamespace(namespace)
                .withName(KubeNames.configMap(name)).get().getData().get(RunnerTask.FILE_NAME));
        assertThat(task.resolvedAdapter()).isEqualTo(adapter(training));
    }

    /**
     * The second half of {@link #waitsForBestFoldThenRuns}: the two shards run (in the Indexed Job, or each in
     * its own Job) and are summed up.
     */
    public void runsShardsWithBestFold(String name, String training, boolean indexed) {
        String adapter = adapter(training);
        if (indexed) {
            assertThat(job(name).getSpec().getCompletionMode()).isEqualTo("Indexed");
            Await.until("both shards running", () -> children.pods(jobName(name)).size() == 2
                    && children.pods(jobName(name)).stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));
        } else {
            children.awaitRunningPod(shardJobName(name, 0));
            children.awaitRunningPod(shardJobName(name, 1));
        }
        awaitPhase(name, Phase.Running);
        kubelet.succeed(indexed ? jobName(name) : shardJobName(name, 0), indexed ? 0 : null,
                Manifests.shardResult(namespace, name, 0, 30, 0.9));
        kubelet.succeed(indexed ? jobName(name) : shardJobName(name, 1), indexed ? 1 : null,
                Manifests.shardResult(namespace, name, 1, 10, 0.5));
        awaitPhase(name, Phase.Succeeded);
        InferenceRun done = get(name);
        assertThat(done.getStatus().getAdapter()).isEqualTo(adapter);
        assertThat(done.getStatus().getProgress()).isEqualTo("2/2");
        assertThat(done.getStatus().getRows()).isEqualTo(40);
        assertThat(done.getStatus().getShards()).extracting(ShardStatus::getRows).containsExactly(30, 10);
        assertThat(done.getStatus().getShards()).extracting(ShardStatus::getTruncatedRows).containsExactly(3, 1);
        assertThat(done.getStatus().getTruncatedRows()).isEqualTo(4);
        assertThat(done.getStatus().getMetrics().get("accuracy")).isCloseTo(0.8, FoldTrainingScenarios.within());
        assertThat(done.getStatus().getMainMetric().getValue()).isCloseTo(0.8, FoldTrainingScenarios.within());
        assertThat(done.getStatus().getOutputs()).containsExactly(
                namespace + "/" + name + "/shard-0/predictions.jsonl",
                namespace + "/" + name + "/shard-1/predictions.jsonl");
        assertThat(Conditions.isTrue(done.getStatus().getConditions(), ConditionType.READY)).isTrue();
        assertThat(Conditions.isTrue(done.getStatus().getConditions(), ConditionType.WAITING)).isFalse();
    }

    /** Exit 65 in one shard fails the Indexed Job at once and the run with reason BadInput. */
    public void badInputShardFailsRun(String name, String training) {
        client.resource(Manifests.foldTraining(namespace, training, 1, null, 2)).create();
        children.awaitRunningPod(folds.job(training, 0));
        kubelet.succeed(folds.job(training, 0), null, Manifests.foldResult(namespace, training, 0, 0.7, 0.6));
        client.resource(Manifests.inferenceRunFrom(namespace, name, training, 2)).create();
        Await.until("both shards running", () -> job(name) != null && children.pods(jobName(name)).size() == 2
                && children.pods(jobName(name)).stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));
        kubelet.terminate(jobName(name), 1, 65, "{\"unit\":\"shard-1\",\"succeeded\":false,\"reason\":\"BadInput\","
                + "\"message\":\"test.jsonl:3: no field label\"}");
        awaitPhase(name, Phase.Failed);
        // the Job's Failed condition can be harvested before the pod's result: the runner's reason follows
        Await.until("shard-1's reason from the runner", () -> ConditionReason.BAD_INPUT.equals(
                get(name).getStatus().getShards().get(1).getFailureReason()));
        ShardStatus shard = get(name).getStatus().getShards().get(1);
        assertThat(shard.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(shard.getMessage()).isEqualTo("test.jsonl:3: no field label");
        assertThat(shard.getAttempts()).isEqualTo(1);
    }

    /**
     * A succeeded run whose spec changes outside the inputs hash keeps its Job and results; a change of
     * an input (shards 2 → 1) replaces the finished Job: the run starts over with the new spec.
     */
    public void specChangeReplacesFinishedRun(String name, String training) {
        FoldTrainingScenarios.ensurePriorityClass(client, "research-low");
        client.resource(Manifests.foldTraining(namespace, training, 1, null, 2)).create();
        children.awaitRunningPod(folds.job(training, 0));
        kubelet.succeed(folds.job(training, 0), null, Manifests.foldResult(namespace, training, 0, 0.7, 0.6));
        client.resource(Manifests.inferenceRunFrom(namespace, name, training, 2)).create();
        Await.until("both shards running", () -> job(name) != null && children.pods(jobName(name)).size() == 2
                && children.pods(jobName(name)).stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));
        kubelet.succeed(jobName(name), 0, Manifests.shardResult(namespace, name, 0, 30, 0.9));
        kubelet.succeed(jobName(name), 1, Manifests.shardResult(namespace, name, 1, 10, 0.5));
        awaitPhase(name, Phase.Succeeded);
        String uid = job(name).getMetadata().getUid();

        long generation = patch(name, "{\"scheduling\":{\"priorityClassName\":\"research-low\"}}");
        awaitObserved(name, generation);
        assertThat(job(name).getMetadata().getUid()).as("no input changed: Job kept").isEqualTo(uid);
        assertThat(get(name).getStatus().getPhase()).isEqualTo(Phase.Succeeded);

        generation = patch(name, "{\"shards\":1}");
        Await.until("the Job replaced", () -> job(name) != null && !uid.equals(job(name).getMetadata().getUid())
                && children.runningPodOfCurrentJob(jobName(name)));
        awaitObserved(name, generation);
        Await.until("running again", () -> get(name).getStatus().getPhase() == Phase.Running,
                () -> io.fabric8.kubernetes.client.utils.Serialization.asJson(get(name).getStatus()));
        assertThat(job(name).getSpec().getCompletions()).isEqualTo(1);
        assertThat(get(name).getStatus().getShards()).hasSize(1);
        kubelet.succeed(jobName(name), 0, Manifests.shardResult(namespace, name, 0, 40, 0.75));
        awaitPhase(name, Phase.Succeeded);
        assertThat(get(name).getStatus().getRows()).isEqualTo(40);
        assertThat(get(name).getStatus().getAdapter()).isEqualTo(namespace + "/" + training + "/fold-0/adapter");
    }

    private String adapter(String training) {
        return namespace + "/" + training + "/fold-1/adapter";
    }

    long patch(String name, String specJson) {
        return client.resources(InferenceRun.class).inNamespace(namespace).withName(name)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}")
                .getMetadata().getGeneration();
    }

    void awaitObserved(String name, long generation) {
        Await.until(name + " observed generation " + generation, () -> get(name).getStatus() != null
                && Long.valueOf(generation).equals(get(name).getStatus().getObservedGeneration()));
    }

    String jobName(String name) {
        return KubeNames.job(name, JobFactory.SHARDS_UNIT);
    }

    Job job(String name) {
        return children.jobOf(jobName(name));
    }

    /** The Job of shard {@code index} on a server without Indexed Jobs. */
    String shardJobName(String name, int index) {
        return KubeNames.job(name, "shard-" + index);
    }

    /** Every Job of the run {@code name}, whatever its shape. */
    java.util.List<Job> jobsOf(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabel(dev.kubetune.api.Kubetune.LABEL_NAME, name)
                .list().getItems();
    }

    InferenceRun get(String name) {
        return client.resources(InferenceRun.class).inNamespace(namespace).withName(name).get();
    }

    void awaitPhase(String name, Phase phase) {
        Await.until(name + " " + phase, () -> get(name).getStatus() != null && get(name).getStatus().getPhase() == phase,
                () -> io.fabric8.kubernetes.client.utils.Serialization.asJson(get(name).getStatus()));
    }
}

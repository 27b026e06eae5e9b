package dev.kubetune.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
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
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/**
 * FoldTraining behaviour as a user sees it through the API. Takes any {@link KubernetesClient} (the
 * mock server, or a real API server with kube-controller-manager) and a {@link TestKubelet} that plays
 * the kubelet (and, on the mock server, the Job controller).
 */
public final class FoldTrainingScenarios {

    private final KubernetesClient client;
    private final TestKubelet kubelet;
    private final String namespace;
    final ChildObjects children;

    public FoldTrainingScenarios(KubernetesClient client, TestKubelet kubelet, String namespace) {
        this.client = client;
        this.kubelet = kubelet;
        this.namespace = namespace;
        this.children = new ChildObjects(client, namespace);
    }

    /** k = 3: three Jobs, three results, Ready with a summary (mean, std, best fold). */
    public void threeFoldsReachReady(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 3, null, 2)).create();
        double[] accuracy = {0.8, 0.9, 0.7};
        for (int i = 0; i < 3; i++) {
            children.awaitRunningPod(job(name, i));
        }
        awaitPhase(name, Phase.Running);
        for (int i = 0; i < 3; i++) {
            kubelet.succeed(job(name, i), null, Manifests.foldResult(namespace, name, i, accuracy[i], 0.5 + i / 10.0));
        }
        awaitPhase(name, Phase.Succeeded);
        FoldTraining done = get(name);
        assertThat(Conditions.isTrue(done.getStatus().getConditions(), ConditionType.READY)).isTrue();
        assertThat(done.getStatus().getProgress()).isEqualTo("3/3");
        assertThat(done.getStatus().getFolds()).extracting(FoldStatus::getPhase).containsOnly(UnitPhase.Succeeded);
        FoldStatus fold1 = done.getStatus().getFolds().get(1);
        assertThat(fold1.getJob()).isEqualTo(job(name, 1));
        assertThat(fold1.getAttempts()).isEqualTo(1);
        assertThat(fold1.getAdapter().getPath()).isEqualTo(namespace + "/" + name + "/fold-1/adapter");
        assertThat(fold1.getAdapter().getSizeBytes()).isEqualTo(16369L);
        assertThat(fold1.getMetrics()).containsEntry("accuracy", 0.9);
        assertThat(fold1.getTrainRows()).isEqualTo(173);
        assertThat(fold1.getTruncatedRows()).as("from the fold's result").isEqualTo(3);
        assertThat(fold1.getStartTime()).isNotNull();
        assertThat(fold1.getCompletionTime()).isNotNull();
        var summary = done.getStatus().getSummary();
        assertThat(summary.getFoldsSucceeded()).isEqualTo(3);
        assertThat(summary.getMetrics().get("accuracy").getMean()).isCloseTo(0.8, within());
        assertThat(summary.getMetrics().get("accuracy").getStd()).isCloseTo(0.1, within());
        assertThat(summary.getBestFold()).isEqualTo(1);
        assertThat(summary.getTruncatedRows()).as("2 + 3 + 4 over the folds").isEqualTo(9);
        assertThat(done.getStatus().getMainMetric().getValue()).isCloseTo(0.8, within());
        assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());

        ConfigMap task = client.configMaps().inNamespace(namespace).withName(KubeNames.configMap(name)).get();
        assertThat(task.getData()).containsKey(RunnerTask.FILE_NAME);
        Await.until("an UnitSucceeded event per fold", () -> children.events(name, "UnitSucceeded").size() == 3,
                () -> children.events(name, null).toString());
        assertThat(children.events(name, "UnitStarted")).hasSize(3);
    }

    /** k = 1, one attempt, succeeded. */
    public void oneFoldSucceeds(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 1, null, 2)).create();
        children.awaitRunningPod(job(name, 0));
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.5, 0.5));
        awaitPhase(name, Phase.Succeeded);
    }

    /** maxParallelFolds = 1: folds run one after the other, never two unfinished Jobs at once. */
    public void maxParallelFoldsHonoured(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 3, 1, 2)).create();
        for (int i = 0; i < 3; i++) {
            children.awaitRunningPod(job(name, i));
            assertThat(children.jobs(name)).as("Jobs while fold %d runs", i).hasSize(i + 1);
            kubelet.succeed(job(name, i), null, Manifests.foldResult(namespace, name, i, 0.5, 0.5));
        }
        awaitPhase(name, Phase.Succeeded);
        assertThat(kubelet.maxUnfinished(name)).isEqualTo(1);
    }

    /** Exit 65 (bad input) fails the fold at once, without a retry, and the training with it. */
    public void badInputFailsWithoutRetry(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 2, 1, 3)).create();
        children.awaitRunningPod(job(name, 0));
        kubelet.terminate(job(name, 0), null, 65, "notes.jsonl:17: not valid JSON");
        awaitPhase(name, Phase.Failed);
        FoldStatus fold = get(name).getStatus().getFolds().get(0);
        assertThat(fold.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(fold.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(fold.getMessage()).contains("not valid JSON");
        assertThat(fold.getAttempts()).isEqualTo(1);
        var failed = Conditions.find(get(name).getStatus().getConditions(), ConditionType.FAILED).orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("True");
        assertThat(failed.getReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(children.pods(job(name, 0))).hasSize(1);
        assertThat(children.jobs(name)).as("no further fold starts once one failed for good").hasSize(1);
        Await.until("an UnitFailed event", () -> !children.events(name, "UnitFailed").isEmpty());
    }

    /** A retryable exit is retried up to backoffLimit, then the fold fails with BackoffLimitExceeded. */
    public void retryableExitRetriedUpToBackoffLimit(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 1, null, 1)).create();
        children.awaitRunningPod(job(name, 0));
        kubelet.terminate(job(name, 0), null, 137, "OOMKilled");
        Await.until("a second attempt",
                () -> children.pods(job(name, 0)).size() == 2 && children.runningPod(job(name, 0)),
                () -> children.pods(job(name, 0)).toString());
        Await.until("attempts 2 in status", () -> fold(name, 0).getAttempts() != null && fold(name, 0).getAttempts() == 2,
                () -> String.valueOf(get(name).getStatus()));
        assertThat(fold(name, 0).getPhase()).isEqualTo(UnitPhase.Running);
        kubelet.terminate(job(name, 0), null, 1, "CUDA error: an illegal memory access");
        awaitPhase(name, Phase.Failed);
        FoldStatus fold = fold(name, 0);
        assertThat(fold.getFailureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        assertThat(fold.getAttempts()).isEqualTo(2);
        assertThat(fold.getMessage()).contains("CUDA error");
    }

    /** A retryable failure followed by a good attempt: the fold succeeds on its second pod. */
    public void retryThenSucceed(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 1, null, 2)).create();
        children.awaitRunningPod(job(name, 0));
        kubelet.terminate(job(name, 0), null, 137, "OOMKilled");
        Await.until("a second attempt",
                () -> children.pods(job(name, 0)).size() == 2 && children.runningPod(job(name, 0)));
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.75, 0.7));
        awaitPhase(name, Phase.Succeeded);
        assertThat(fold(name, 0).getAttempts()).isEqualTo(2);
        assertThat(fold(name, 0).getMetrics()).containsEntry("accuracy", 0.75);
    }

    /** spec.suspend true suspends the unfinished Jobs (phase Suspended); false resumes them. */
    public void suspendAndResume(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 2, null, 2)).create();
        children.awaitRunningPod(job(name, 0));
        children.awaitRunningPod(job(name, 1));
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.6, 0.6));
        awaitFold(name, 0, UnitPhase.Succeeded);
        setSuspend(name, true);
        Await.until("fold-1's Job suspended",
                () -> Boolean.TRUE.equals(children.jobOf(job(name, 1)).getSpec().getSuspend()));
        awaitPhase(name, Phase.Suspended);
        assertThat(Conditions.isTrue(get(name).getStatus().getConditions(), ConditionType.SUSPENDED)).isTrue();
        assertThat(children.jobOf(job(name, 0)).getSpec().getSuspend()).as("a finished Job is left alone").isFalse();
        setSuspend(name, false);
        Await.until("fold-1's Job resumed",
                () -> Boolean.FALSE.equals(children.jobOf(job(name, 1)).getSpec().getSuspend()));
        children.awaitRunningPod(job(name, 1));
        kubelet.succeed(job(name, 1), null, Manifests.foldResult(namespace, name, 1, 0.8, 0.8));
        awaitPhase(name, Phase.Succeeded);
        assertThat(Conditions.isTrue(get(name).getStatus().getConditions(), ConditionType.SUSPENDED)).isFalse();
    }

    /**
     * A succeeded fold whose Job is deleted keeps its result and is not run again; deleting a failed
     * fold's Job runs that fold again.
     */
    public void deletedJobs(String name) {
        client.resource(Manifests.foldTraining(namespace, name, 2, null, 0)).create();
        children.awaitRunningPod(job(name, 0));
        children.awaitRunningPod(job(name, 1));
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.6, 0.6));
        kubelet.terminate(job(name, 1), null, 1, "node lost");
        awaitPhase(name, Phase.Failed);
        assertThat(fold(name, 1).getFailureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        client.resource(children.jobOf(job(name, 0))).delete();
        Await.until("fold-0's Job gone", () -> children.jobOf(job(name, 0)) == null);
        client.resource(children.jobOf(job(name, 1))).delete();
        Await.until("fold-1 running again",
                () -> children.jobOf(job(name, 1)) != null && children.runningPod(job(name, 1)),
                () -> statusOf(name));
        kubelet.succeed(job(name, 1), null, Manifests.foldResult(namespace, name, 1, 0.8, 0.8));
        awaitPhase(name, Phase.Succeeded);
        assertThat(children.jobOf(job(name, 0))).as("the harvested fold is not run again").isNull();
        assertThat(fold(name, 0).getMetrics()).containsEntry("accuracy", 0.6);
        assertThat(get(name).getStatus().getSummary().getMetrics().get("accuracy").getMean())
                .isCloseTo(0.7, within());
    }

    /**
     * A new generation: a change outside the inputs hash (scheduling.priorityClassName) keeps every
     * Job, finished or not; a change of training.epochs (an input of every fold) replaces the
     * unfinished Jobs and runs the succeeded fold again; k 3 → 2 drops fold-2's Job and entry. The task
     * ConfigMap and status.observedGeneration follow the generation.
     */
    public void specChanges(String name) {
        ensurePriorityClass(client, "research-low");
        client.resource(Manifests.foldTraining(namespace, name, 3, null, 2)).create();
        for (int i = 0; i < 3; i++) {
            children.awaitRunningPod(job(name, i));
        }
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.6, 0.6));
        awaitFold(name, 0, UnitPhase.Succeeded);
        List<String> uids = List.of(uid(name, 0), uid(name, 1), uid(name, 2));

        long generation = patchSpec(name, "{\"scheduling\":{\"priorityClassName\":\"research-low\"}}");
        awaitObserved(name, generation);
        assertThat(List.of(uid(name, 0), uid(name, 1), uid(name, 2))).as("no input changed: Jobs kept").isEqualTo(uids);
        assertThat(fold(name, 0).getPhase()).isEqualTo(UnitPhase.Succeeded);
        assertThat(fold(name, 0).getMetrics()).containsEntry("accuracy", 0.6);
        assertThat(taskGeneration(name)).isEqualTo(generation);

        generation = patchSpec(name, "{\"training\":{\"epochs\":2}}");
        for (int i = 0; i < 3; i++) {
            int fold = i;
            Await.until("fold-" + fold + "'s Job replaced", () -> children.jobOf(job(name, fold)) != null
                    && !uids.get(fold).equals(uid(name, fold)) && children.runningPodOfCurrentJob(job(name, fold)),
                    () -> statusOf(name));
        }
        awaitObserved(name, generation);
        Await.until("fold-0 started over", () -> fold(name, 0).getPhase() == UnitPhase.Running, () -> statusOf(name));
        assertThat(fold(name, 0).getMetrics()).isNull();
        assertThat(taskGeneration(name)).isEqualTo(generation);
        assertThat(get(name).getStatus().getPhase()).isEqualTo(Phase.Running);

        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.7, 0.7));
        awaitFold(name, 0, UnitPhase.Succeeded);
        generation = patchSpec(name, "{\"folds\":{\"k\":2}}");
        Await.until("fold-2's Job gone", () -> children.jobOf(job(name, 2)) == null, () -> statusOf(name));
        awaitObserved(name, generation);
        Await.until("two folds in status", () -> get(name).getStatus().getFolds().size() == 2, () -> statusOf(name));
        Await.until("folds 0 and 1 running again", () -> children.runningPodOfCurrentJob(job(name, 0))
                && children.runningPodOfCurrentJob(job(name, 1)), () -> statusOf(name));
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.8, 0.8));
        kubelet.succeed(job(name, 1), null, Manifests.foldResult(namespace, name, 1, 0.9, 0.9));
        awaitPhase(name, Phase.Succeeded);
        assertThat(get(name).getStatus().getProgress()).isEqualTo("2/2");
        assertThat(get(name).getStatus().getSummary().getFoldsSucceeded()).isEqualTo(2);
        assertThat(children.jobs(name)).hasSize(2);
    }

    /**
     * With scheduling.queueName the Jobs start suspended with Kueue's queue label and the operator
     * leaves them for Kueue to admit (unsuspend); once admitted they run as usual.
     */
    public void kueueAdmitsQueuedJobs(String name) {
        FoldTraining training = Manifests.foldTraining(namespace, name, 1, null, 2);
        training.getSpec().getScheduling().setQueueName("gpu-queue");
        client.resource(training).create();
        Await.until("the queued Job", () -> children.jobOf(job(name, 0)) != null);
        Job queued = children.jobOf(job(name, 0));
        assertThat(queued.getSpec().getSuspend()).isTrue();
        assertThat(queued.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "gpu-queue");
        awaitPhase(name, Phase.Pending);
        assertThat(children.jobOf(job(name, 0)).getSpec().getSuspend()).as("left suspended for Kueue").isTrue();
        assertThat(children.pods(job(name, 0))).isEmpty();
        client.batch().v1().jobs().inNamespace(namespace).withName(job(name, 0))
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
        children.awaitRunningPod(job(name, 0));
        awaitPhase(name, Phase.Running);
        kubelet.succeed(job(name, 0), null, Manifests.foldResult(namespace, name, 0, 0.5, 0.5));
        awaitPhase(name, Phase.Succeeded);
    }

    /**
     * Every child is owned by the FoldTraining (ConfigMap, Jobs; pods by their Job), so deleting it
     * lets the garbage collector clean up. The mock server does not collect garbage: the owner
     * references are asserted, then the resource is deleted.
     */
    public void childrenOwnedForCleanup(String name) {
        FoldTraining training = client.resource(Manifests.foldTraining(namespace, name, 2, null, 2)).create();
        children.awaitRunningPod(job(name, 0));
        children.awaitRunningPod(job(name, 1));
        String uid = training.getMetadata().getUid();
        assertOwnedBy(client.configMaps().inNamespace(namespace).withName(KubeNames.configMap(name)).get(), uid, name);
        for (Job job : children.jobs(name)) {
            assertOwnedBy(job, uid, name);
            for (Pod pod : children.pods(job.getMetadata().getName())) {
                assertThat(pod.getMetadata().getOwnerReferences()).anyMatch(o -> o.getKind().equals("Job")
                        && o.getName().equals(job.getMetadata().getName()));
            }
        }
        client.resource(training).delete();
        Await.until("the FoldTraining gone", () -> get(name) == null);
    }

    /**
     * On a real cluster: once the FoldTraining is deleted, the garbage collector removes what it owned
     * (the ConfigMap, the Jobs) and what they owned (the pods).
     */
    public void childrenCollectedAfterDeletion(String name) {
        childrenOwnedForCleanup(name);
        Await.until("the ConfigMap collected",
                () -> client.configMaps().inNamespace(namespace).withName(KubeNames.configMap(name)).get() == null);
        Await.until("the Jobs collected", () -> children.jobs(name).isEmpty(), () -> children.jobs(name).toString());
        Await.until("the pods collected",
                () -> children.pods(job(name, 0)).isEmpty() && children.pods(job(name, 1)).isEmpty());
    }

    private static void assertOwnedBy(HasMetadata child, String uid, String name) {
        assertThat(child).as("child").isNotNull();
        List<OwnerReference> owners = child.getMetadata().getOwnerReferences();
        assertThat(owners).as("owners of %s", child.getMetadata().getName()).hasSize(1);
        OwnerReference owner = owners.get(0);
        assertThat(owner.getKind()).isEqualTo(FoldTraining.KIND);
        assertThat(owner.getApiVersion()).isEqualTo(Kubetune.API_VERSION);
        assertThat(owner.getName()).isEqualTo(name);
        assertThat(owner.getUid()).isEqualTo(uid);
        assertThat(owner.getController()).isTrue();
    }

    // --- helpers shared with the InferenceRun scenarios

    /** Creates PriorityClass {@code name} if missing: a real API server's Priority admission refuses pods naming an unknown one. */
    static void ensurePriorityClass(KubernetesClient client, String name) {
        PriorityClass priorityClass = new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withValue(-10).build();
        if (client.resource(priorityClass).get() == null) {
            client.resource(priorityClass).create();
        }
    }

    static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    String job(String name, int fold) {
        return KubeNames.job(name, "fold-" + fold);
    }

    FoldTraining get(String name) {
        return client.resources(FoldTraining.class).inNamespace(namespace).withName(name).get();
    }

    FoldStatus fold(String name, int index) {
        return get(name).getStatus().getFolds().get(index);
    }

    /** Merge-patches the spec; returns the new generation. */
    long patchSpec(String name, String specJson) {
        return client.resources(FoldTraining.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}")
                .getMetadata().getGeneration();
    }

    void awaitObserved(String name, long generation) {
        Await.until(name + " observed generation " + generation, () -> get(name).getStatus() != null
                && Long.valueOf(generation).equals(get(name).getStatus().getObservedGeneration()), () -> statusOf(name));
    }

    long taskGeneration(String name) {
        return TaskYaml.read(client.configMaps().inNamespace(namespace).withName(KubeNames.configMap(name)).get()
                .getData().get(RunnerTask.FILE_NAME)).generation();
    }

    String uid(String name, int fold) {
        Job job = children.jobOf(job(name, fold));
        return job == null ? null : job.getMetadata().getUid();
    }

    void setSuspend(String name, boolean suspend) {
        client.resources(FoldTraining.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
    }

    void awaitPhase(String name, Phase phase) {
        Await.until(name + " " + phase, () -> get(name).getStatus() != null && get(name).getStatus().getPhase() == phase,
                () -> statusOf(name));
    }

    void awaitFold(String name, int index, UnitPhase phase) {
        Await.until(name + " fold " + index + " " + phase, () -> get(name).getStatus() != null
                && get(name).getStatus().getFolds().size() > index && fold(name, index).getPhase() == phase,
                () -> statusOf(name));
    }

    String statusOf(String name) {
        FoldTraining ft = get(name);
        return ft == null ? "absent" : "generation " + ft.getMetadata().getGeneration() + ", k "
                + ft.getSpec().getFolds().getK() + ", status "
                + io.fabric8.kubernetes.client.utils.Serialization.asJson(ft.getStatus()) + children.childrenOf(name);
    }
}

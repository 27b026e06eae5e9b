package dev.kubetune.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.status.Phase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's quick start on a real node: {@code kubectl apply -f config/samples/quickstart.yaml} against
 * the chart-installed operator, the runner image running every fold and shard. The figures must be the
 * ones the README shows from {@code kubetune run} on the same manifest (same seeds, same engine), though
 * on the way the operator's pod is deleted while fold 0 runs (its replacement takes over: no Job made
 * twice) and fold 1's pod is deleted while it trains (its Job runs it again, the attempt is counted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartIT {

    static final String NS = "default";
    static final Duration FINISH = Duration.ofMinutes(15);
    /** The quick start's resources (other suites' resources share the namespace). */
    static final String[] RESOURCES = {"quickstart-notes", "quickstart-zero-shot", "quickstart-best-fold"};

    static KubetuneInstall install;
    static RealCluster cluster;
    /** The kubetune Jobs (name → uid) when the operator's pod was deleted. */
    static Map<String, String> jobsAtTakeover;

    @BeforeAll
    static void applyQuickStart() {
        install = KubetuneInstall.shared();
        cluster = install.cluster;
        cluster.kubectl("apply", "-f", RealCluster.ROOT.resolve("config/samples/quickstart.yaml").toString());
    }

    @Test
    @Order(1)
    void theOperatorRunsAsTheChartsPodWithItsImageAndProbes() {
        Deployment deployment = cluster.client.apps().deployments().inNamespace(KubetuneInstall.NAMESPACE)
                .withName(KubetuneInstall.RELEASE).get();
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
        Pod pod = operatorPod();
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(RealCluster.OPERATOR_IMAGE + ":" + RealCluster.VERSION);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(KubetuneInstall.RELEASE);
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertThat(status.getReady()).as("readiness probe green").isTrue();
        assertThat(status.getRestartCount()).as("liveness probe never failed").isZero();
        assertThat(status.getImageID()).isNotBlank();
    }

    @Test
    @Order(2)
    void theOperatorsPodDeletedWhileAFoldRunsIsReplacedAndTakesOver() {
        Pod fold0 = awaitRunning("fold-0");
        Pod operator = operatorPod();
        jobsAtTakeover = kubetuneJobs();
        assertThat(jobsAtTakeover).containsKey("quickstart-notes-fold-0");
        cluster.client.pods().resource(operator).delete();
        Await.until(Duration.ofMinutes(4), "a new operator pod to be ready", cluster, () -> {
            List<Pod> pods = operatorPods();
            return pods.size() == 1 && !pods.get(0).getMetadata().getName().equals(operator.getMetadata().getName())
                    && pods.get(0).getStatus().getContainerStatuses().stream().anyMatch(c -> Boolean.TRUE.equals(c.getReady()));
        });
        System.err.printf("operator pod %s deleted while %s ran; %s took over%n", operator.getMetadata().getName(),
                fold0.getMetadata().getName(), operatorPod().getMetadata().getName());
    }

    @Test
    @Order(3)
    void aRunnerPodDeletedWhileItsFoldTrainsIsRunAgainByItsJob() {
        Pod fold1 = awaitRunning("fold-1");
        cluster.client.pods().resource(fold1).withGracePeriod(1).delete();
        System.err.printf("runner pod %s deleted while it trained%n", fold1.getMetadata().getName());
    }

    @Test
    @Order(4)
    void theQuickStartFinishesWithTheFiguresOfTheLocalRun() throws IOException {
        Await.until(FINISH, "the quick start's three resources to finish", cluster, () ->
                finished(training().getStatus() == null ? null : training().getStatus().getPhase())
                        && finished(phaseOf("quickstart-zero-shot")) && finished(phaseOf("quickstart-best-fold")));
        FoldTraining training = training();
        assertThat(training.getStatus().getPhase()).as(describe(training.getStatus().getConditions())).isEqualTo(Phase.Succeeded);
        InferenceRun zeroShot = run("quickstart-zero-shot");
        InferenceRun bestFold = run("quickstart-best-fold");
        assertThat(zeroShot.getStatus().getPhase()).as(describe(zeroShot.getStatus().getConditions())).isEqualTo(Phase.Succeeded);
        assertThat(bestFold.getStatus().getPhase()).as(describe(bestFold.getStatus().getConditions())).isEqualTo(Phase.Succeeded);

        Map<String, String> local = readmeFigures();
        assertThat(String.format("%.4f", training.getStatus().getMainMetric().getValue()))
                .isEqualTo(local.get("FoldTraining/quickstart-notes"));
        assertThat(String.format("%.4f", zeroShot.getStatus().getMainMetric().getValue()))
                .isEqualTo(local.get("InferenceRun/quickstart-zero-shot"));
        assertThat(String.format("%.4f", bestFold.getStatus().getMainMetric().getValue()))
                .isEqualTo(local.get("InferenceRun/quickstart-best-fold"));
        assertThat(bestFold.getStatus().getRows()).isEqualTo(240);
        assertThat(training.getStatus().getSummary().getFoldsSucceeded()).isEqualTo(3);
        // the operator that took over made no Job again: those it found are the same objects
        Map<String, String> jobs = kubetuneJobs();
        assertThat(jobs).containsAllEntriesOf(jobsAtTakeover);
        assertThat(jobs.keySet()).containsExactlyInAnyOrder("quickstart-notes-fold-0", "quickstart-notes-fold-1",
                "quickstart-notes-fold-2", "quickstart-zero-shot-shard-0", "quickstart-zero-shot-shard-1",
                "quickstart-best-fold-shard-0", "quickstart-best-fold-shard-1");
        // the deleted runner pod's fold ran twice and says so
        assertThat(training.getStatus().getFolds()).extracting(FoldStatus::getIndex, FoldStatus::getAttempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 2),
                        org.assertj.core.groups.Tuple.tuple(2, 1));
    }

    @Test
    @Order(5)
    void runnerPodsRanTheRunnerImageAsItsUserOnAReadOnlyRootAndReportedThroughTerminationMessages() throws IOException {
        List<Pod> pods = cluster.client.pods().inNamespace(NS).withLabelIn(Kubetune.LABEL_NAME, RESOURCES).list().getItems();
        // 3 folds + 2 shards of each InferenceRun (the pod deleted in fold 1 is gone, its retry stays)
        assertThat(pods).hasSize(7);
        for (Pod pod : pods) {
            Container runner = pod.getSpec().getContainers().get(0);
            assertThat(runner.getImage()).isEqualTo(RealCluster.RUNNER_IMAGE + ":" + RealCluster.VERSION);
            assertThat(runner.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo((long) KubetuneInstall.RUNNER_UID);
            ContainerStateTerminated end = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
            assertThat(end).as(pod.getMetadata().getName()).isNotNull();
            assertThat(end.getExitCode()).isZero();
            RunnerResult result = RunnerResult.fromJson(end.getMessage());
            assertThat(result.succeeded()).isTrue();
            assertThat(result.unit()).isEqualTo(unitOf(pod));
        }
        // the status holds what the folds' termination messages said
        for (FoldStatus fold : training().getStatus().getFolds()) {
            Pod pod = pods.stream().filter(p -> ("fold-" + fold.getIndex()).equals(unitOf(p))).findFirst().orElseThrow();
            RunnerResult result = RunnerResult.fromJson(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage());
            assertThat(fold.getMetrics()).containsEntry("accuracy", result.metrics().get("accuracy"));
            // the adapter is on the volume, written by UID 65532: the pod really ran as the runner's user
            Path adapter = install.artifacts().resolve(NS + "/quickstart-notes/fold-" + fold.getIndex() + "/adapter");
            assertThat(result.adapterPath()).endsWith(NS + "/quickstart-notes/fold-" + fold.getIndex() + "/adapter");
            assertThat(adapter.resolve("adapter_model.safetensors")).isRegularFile();
            assertThat(Files.getAttribute(adapter.resolve("adapter_model.safetensors"), "unix:uid"))
                    .isEqualTo(KubetuneInstall.RUNNER_UID);
        }
    }

    static boolean finished(Phase phase) {
        return phase == Phase.Succeeded || phase == Phase.Failed;
    }

    static FoldTraining training() {
        return cluster.client.resources(FoldTraining.class).inNamespace(NS).withName("quickstart-notes").get();
    }

    static InferenceRun run(String name) {
        return cluster.client.resources(InferenceRun.class).inNamespace(NS).withName(name).get();
    }

    static Phase phaseOf(String run) {
        InferenceRun r = run(run);
        return r == null || r.getStatus() == null ? null : r.getStatus().getPhase();
    }

    private static Pod operatorPod() {
        List<Pod> pods = operatorPods();
        assertThat(pods).hasSize(1);
        return pods.get(0);
    }

    /** The operator's pods that are not being deleted. */
    private static List<Pod> operatorPods() {
        return cluster.client.pods().inNamespace(KubetuneInstall.NAMESPACE)
                .withLabel("app.kubernetes.io/instance", KubetuneInstall.RELEASE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** The quick start's pod of {@code unit} once it has run for 3 seconds (the runner is under way). */
    private static Pod awaitRunning(String unit) {
        Pod[] found = new Pod[1];
        Await.until(Duration.ofMinutes(10), "the pod of quickstart-notes " + unit + " to run", cluster, () -> {
            found[0] = cluster.client.pods().inNamespace(NS).withLabel(Kubetune.LABEL_NAME, "quickstart-notes")
                    .withLabel(Kubetune.LABEL_UNIT, unit).list().getItems().stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getStartTime() != null
                            && java.time.Instant.parse(p.getStatus().getStartTime()).isBefore(java.time.Instant.now().minusSeconds(3)))
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** The Jobs the operator made in the quick start's namespace: name → uid. */
    static Map<String, String> kubetuneJobs() {
        Map<String, String> jobs = new java.util.TreeMap<>();
        cluster.client.batch().v1().jobs().inNamespace(NS).withLabelIn(Kubetune.LABEL_NAME, RESOURCES).list().getItems()
                .forEach(j -> jobs.put(j.getMetadata().getName(), j.getMetadata().getUid()));
        return jobs;
    }

    static String unitOf(Pod pod) {
        List<String> args = pod.getSpec().getContainers().get(0).getArgs();
        return args.get(args.indexOf("--unit") + 1);
    }

    static String describe(List<? extends io.fabric8.kubernetes.api.model.Condition> conditions) {
        return conditions == null ? "no conditions" : conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage()).toList().toString();
    }

    /** The README's quick-start table (what {@code kubetune run} printed): resource → main metric. */
    static Map<String, String> readmeFigures() throws IOException {
        String readme = Files.readString(RealCluster.ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("(?m)^((?:FoldTraining|InferenceRun)/quickstart-\\S+)\\s+Succeeded\\s+\\S+\\s+accuracy\\s+([0-9.]+)").matcher(readme);
        Map<String, String> figures = new java.util.HashMap<>();
        while (m.find()) {
            figures.put(m.group(1), m.group(2));
        }
        assertThat(figures).as("README quick-start table").hasSize(3);
        return figures;
    }
}

package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.Manifests;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.TestKubelet;
import dev.kubetune.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator on an API server that reports Kubernetes 1.20 (no Indexed Jobs, no Job suspend, no
 * podFailurePolicy): the Jobs it builds there, and what it does instead of the missing fields.
 */
class OperatorOldServerTest {

    static final String NAMESPACE = "research";

    static MockCluster cluster;
    static Operator operator;
    static TestKubelet kubelet;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(20);
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of(
                "kubetune.status.server-side-apply", "false")), new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        operator.start();
        kubelet = new TestKubelet(cluster.client(), NAMESPACE).start();
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (operator != null) {
            operator.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anInferenceRunRunsOneJobPerShard() {
        FoldTraining training = Manifests.foldTraining(NAMESPACE, "old-train", 1, null, 2);
        cluster.client().resource(training).create();
        awaitRunning("old-train-fold-0");
        kubelet.succeed("old-train-fold-0", null, Manifests.foldResult(NAMESPACE, "old-train", 0, 0.7, 0.6));
        cluster.client().resource(Manifests.inferenceRunFrom(NAMESPACE, "old-run", "old-train", 2)).create();
        Await.until("both shard Jobs", () -> job("old-run-shard-0") != null && job("old-run-shard-1") != null);

        Job second = job("old-run-shard-1");
        assertThat(second.getSpec().getCompletions()).isEqualTo(1);
        assertThat(second.getSpec().getCompletionMode()).isNull();
        assertThat(second.getSpec().getPodFailurePolicy()).isNull();
        assertThat(second.getSpec().getSuspend()).isNull();
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsSubsequence("--unit", "shard-1");
        assertThat(job("old-run-shards")).as("no Indexed Job").isNull();
        awaitRunning("old-run-shard-0");
        awaitRunning("old-run-shard-1");
        kubelet.succeed("old-run-shard-0", null, Manifests.shardResult(NAMESPACE, "old-run", 0, 3, 1.0));
        kubelet.succeed("old-run-shard-1", null, Manifests.shardResult(NAMESPACE, "old-run", 1, 2, 0.5));
        Await.until("the run to succeed", () -> run("old-run").getStatus() != null
                && run("old-run").getStatus().getPhase() == Phase.Succeeded);
        assertThat(run("old-run").getStatus().getRows()).isEqualTo(5);
        assertThat(run("old-run").getStatus().getShards()).extracting(s -> s.getJob())
                .containsExactly("old-run-shard-0", "old-run-shard-1");
    }

    @Test
    void badInputFailsTheFoldAtOnceAndEndsItsJobAndAQueueIsSaidToBeIgnored() {
        FoldTraining training = Manifests.foldTraining(NAMESPACE, "old-bad", 2, 1, 2);
        training.getSpec().getScheduling().setQueueName("gpu-queue");
        cluster.client().resource(training).create();
        Await.until("fold 0's Job", () -> job("old-bad-fold-0") != null);
        Job job = job("old-bad-fold-0");
        assertThat(job.getSpec().getSuspend()).as("no Kueue admission without Job suspend").isNull();
        assertThat(job.getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");

        awaitRunning("old-bad-fold-0");
        kubelet.terminate("old-bad-fold-0", null, 65, "{\"unit\":\"fold-0\",\"succeeded\":false,\"reason\":\"BadInput\","
                + "\"message\":\"notes.jsonl:3: no field label\"}");
        Await.until("the training to fail", () -> training("old-bad").getStatus() != null
                && training("old-bad").getStatus().getPhase() == Phase.Failed);
        var fold = training("old-bad").getStatus().getFolds().get(0);
        assertThat(fold.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(fold.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(fold.getMessage()).isEqualTo("notes.jsonl:3: no field label");
        // the test kubelet retries at once (the Job controller waits 10 s first): at most that one retry
        assertThat(fold.getAttempts()).isBetween(1, 2);
        Await.until("the Job ended by its deadline", () -> Long.valueOf(1).equals(job("old-bad-fold-0").getSpec().getActiveDeadlineSeconds()));
        assertThat(job("old-bad-fold-1")).as("no fold after the failure").isNull();
        var conditions = training("old-bad").getStatus().getConditions();
        assertThat(Conditions.isTrue(conditions, ConditionType.QUEUE_IGNORED)).isTrue();
        assertThat(Conditions.find(conditions, ConditionType.QUEUE_IGNORED).orElseThrow().getReason())
                .isEqualTo(ConditionReason.NO_JOB_SUSPEND);
    }

    static void awaitRunning(String job) {
        Await.until(job + "'s pod to run", () -> job(job) != null && job(job).getStatus() != null
                && cluster.client().pods().inNamespace(NAMESPACE).withLabel(TestKubelet.POD_JOB_LABEL, job).list().getItems()
                        .stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase())));
    }

    static Job job(String name) {
        return cluster.client().batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    static InferenceRun run(String name) {
        return cluster.client().resources(InferenceRun.class).inNamespace(NAMESPACE).withName(name).get();
    }

    static FoldTraining training(String name) {
        return cluster.client().resources(FoldTraining.class).inNamespace(NAMESPACE).withName(name).get();
    }
}

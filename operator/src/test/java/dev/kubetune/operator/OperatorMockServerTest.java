package dev.kubetune.operator;

import dev.kubetune.operator.health.OperatorLiveness;
import dev.kubetune.operator.health.OperatorReadiness;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.FoldTrainingScenarios;
import dev.kubetune.operator.scenarios.InferenceRunScenarios;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.TestKubelet;
import dev.kubetune.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real reconcilers on a JOSDK operator (built like quarkus-operator-sdk builds it, without booting Quarkus) against the fabric8 mock API server in CRUD mode, with
 * {@link TestKubelet} running the Jobs. One operator for the class; each test its own resources.
 */
class OperatorMockServerTest {

    static final String NAMESPACE = "research";

    static MockCluster cluster;
    static Operator operator;
    static TestKubelet kubelet;
    static PrometheusMeterRegistry registry;
    static FoldTrainingScenarios folds;
    static InferenceRunScenarios runs;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start();
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of(
                "kubetune.status.server-side-apply", "false")), new OperatorMetrics(registry));
        operator.start();
        kubelet = new TestKubelet(cluster.client(), NAMESPACE).start();
        folds = new FoldTrainingScenarios(cluster.client(), kubelet, NAMESPACE);
        runs = new InferenceRunScenarios(cluster.client(), kubelet, NAMESPACE);
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
    void threeFoldsReachReadyWithSummary() {
        folds.threeFoldsReachReady("three-folds");
    }

    @Test
    void maxParallelFoldsHonoured() {
        folds.maxParallelFoldsHonoured("one-at-a-time");
    }

    @Test
    void badInputFailsFoldWithoutRetry() {
        folds.badInputFailsWithoutRetry("bad-input");
    }

    @Test
    void retryableExitRetriedUpToBackoffLimit() {
        folds.retryableExitRetriedUpToBackoffLimit("retried");
    }

    @Test
    void retryThenSucceed() {
        folds.retryThenSucceed("retry-ok");
    }

    @Test
    void suspendAndResume() {
        folds.suspendAndResume("suspended");
    }

    @Test
    void deletedJobsKeepResultsOrRunAgain() {
        folds.deletedJobs("deleted-jobs");
    }

    @Test
    void specChangesReplaceStaleJobs() {
        folds.specChanges("changed");
    }

    @Test
    void specChangeReplacesFinishedInferenceRun() {
        runs.specChangeReplacesFinishedRun("changed-run", "changed-run-training");
    }

    @Test
    void kueueAdmitsQueuedJobs() {
        folds.kueueAdmitsQueuedJobs("queued");
    }

    @Test
    void childrenOwnedForCleanup() {
        folds.childrenOwnedForCleanup("owned");
    }

    @Test
    void inferenceRunWaitsForBestFoldThenRuns() {
        runs.waitsForBestFoldThenRuns("best-fold-run", "later-training");
    }

    @Test
    void badInputShardFailsInferenceRun() {
        runs.badInputShardFailsRun("bad-shard", "bad-shard-training");
    }

    @Test
    void metricsAndHealth() {
        folds.oneFoldSucceeds("metered");
        assertThat(registry.get(OperatorMetrics.JOBS_CREATED).tag("kind", "FoldTraining").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get(OperatorMetrics.RECONCILE).tag("kind", "FoldTraining").timer().count()).isPositive();
        assertThat(registry.get(OperatorMetrics.HARVEST_LAG).tag("kind", "FoldTraining").timer().count()).isPositive();
        assertThat(registry.get(OperatorMetrics.UNITS).tag("kind", "FoldTraining").tag("phase", "Succeeded").gauge()
                .value()).isGreaterThanOrEqualTo(1);
        assertThat(registry.scrape()).contains("kubetune_jobs_submitted_total").contains("kubetune_units")
                .contains("kubetune_reconcile_duration_seconds").contains("kubetune_harvest_lag_seconds");
        assertThat(new OperatorLiveness(operator).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(new OperatorReadiness(operator).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}

package dev.kubetune.operator;

import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.FoldTrainingScenarios;
import dev.kubetune.operator.scenarios.InferenceRunScenarios;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real reconcilers on a JOSDK operator against the fabric8 mock API server in CRUD mode, with
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
        operator = KubetuneOperator.create(cluster.client(), OperatorSettings.with(Map.of(
                "kubetune.http.port", "-1", "kubetune.status.server-side-apply", "false")), new OperatorMetrics(registry));
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
    void metricsAndHealthOverHttp() throws Exception {
        folds.oneFoldSucceeds("metered");
        assertThat(registry.get(OperatorMetrics.JOBS_CREATED).tag("kind", "FoldTraining").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get(OperatorMetrics.RECONCILE).tag("kind", "FoldTraining").timer().count()).isPositive();
        assertThat(registry.get(OperatorMetrics.HARVEST_LAG).tag("kind", "FoldTraining").timer().count()).isPositive();
        assertThat(registry.get(OperatorMetrics.UNITS).tag("kind", "FoldTraining").tag("phase", "Succeeded").gauge()
                .value()).isGreaterThanOrEqualTo(1);
        try (HealthServer http = HealthServer.start(0, operator, registry)) {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, http, "/q/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(client, http, "/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("UP");
            assertThat(get(client, http, "/q/metrics").body())
                    .contains("kubetune_jobs_submitted_total").contains("kubetune_units");
        }
    }

    private static HttpResponse<String> get(HttpClient client, HealthServer http, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

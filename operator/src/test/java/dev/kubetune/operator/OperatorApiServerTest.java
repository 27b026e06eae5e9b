package dev.kubetune.operator;

import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.FoldTrainingScenarios;
import dev.kubetune.operator.scenarios.InferenceRunScenarios;
import dev.kubetune.operator.testing.ApiServerCluster;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.JobFeatures;
import dev.kubetune.operator.testing.TestKubelet;
import dev.kubetune.operator.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of {@link OperatorMockServerTest} against a real API server ({@link ApiServerCluster}:
 * etcd, kube-apiserver, kube-controller-manager): the real Job controller creates the pods and records
 * the Jobs' outcome, the garbage collector follows owner references, {@link TestKubelet} only plays the
 * kubelet. Status is written by server-side apply, as in production. A scenario that needs a Job field
 * this server drops ({@link JobFeatures}) is skipped with the reason. Without binaries the class is skipped
 * with one loud line.
 */
class OperatorApiServerTest {

    static final String NAMESPACE = "operator-it";

    static ApiServerCluster cluster;
    static JobFeatures features;
    static Operator operator;
    static TestKubelet kubelet;
    static FoldTrainingScenarios folds;
    static InferenceRunScenarios runs;

    @BeforeAll
    static void start() {
        cluster = ApiServerCluster.shared();
        cluster.namespace(NAMESPACE);
        features = JobFeatures.probe(cluster.client(), NAMESPACE);
        // the Job controller waits 10 s, 20 s, … before replacing a failed pod
        Await.setTimeout(Duration.ofSeconds(90));
        operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of("kubetune.namespaces", NAMESPACE)),
                new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        operator.start();
        kubelet = TestKubelet.besideJobController(cluster.client(), NAMESPACE).start();
        folds = new FoldTrainingScenarios(cluster.client(), kubelet, NAMESPACE);
        runs = new InferenceRunScenarios(cluster.client(), kubelet, NAMESPACE);
    }

    @AfterAll
    static void stop() {
        Await.setTimeout(null);
        if (kubelet != null) {
            kubelet.close();
        }
        if (operator != null) {
            operator.stop();
        }
    }

    static void assumeJobs(boolean suspend, boolean indexed, boolean podFailurePolicy) {
        String missing = features.missingFor(suspend, indexed, podFailurePolicy);
        if (missing != null) {
            System.err.println("SKIPPED on " + cluster.version() + ": " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> cluster.version() + ": " + missing);
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
        assumeJobs(false, false, true);
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
        assumeJobs(true, false, false);
        folds.suspendAndResume("suspended");
    }

    /**
     * Once skipped here: in an earlier full build the failed fold's pod vanished as its Job failed and no new
     * Job followed the deletion. Not reproduced since (alone, in this class, beside the fault scenarios);
     * two causes of failed reconciliations in that path are gone: a second patch of the same Job in one
     * reconciliation always met 409 (it now starts from the first one's result), and a patch of a Job deleted
     * meanwhile failed with 404 (now no error).
     */
    @Test
    void deletedJobsKeepResultsOrRunAgain() {
        folds.deletedJobs("deleted-jobs");
    }

    @Test
    void specChangesReplaceStaleJobs() {
        folds.specChanges("changed");
    }

    @Test
    void kueueAdmitsQueuedJobs() {
        assumeJobs(true, false, false);
        folds.kueueAdmitsQueuedJobs("queued");
    }

    @Test
    void childrenCollectedAfterDeletion() {
        folds.childrenCollectedAfterDeletion("owned");
    }

    @Test
    void inferenceRunWaitsForBestFold() {
        // a server without Indexed Jobs (1.20) gets one Job per shard
        runs.waitsForBestFold("best-fold-run", "later-training", features.indexed());
        runs.runsShardsWithBestFold("best-fold-run", "later-training", features.indexed());
    }

    @Test
    void badInputShardFailsInferenceRun() {
        assumeJobs(false, true, true);
        runs.badInputShardFailsRun("bad-shard", "bad-shard-training");
    }

    @Test
    void specChangeReplacesFinishedInferenceRun() {
        assumeJobs(false, true, false);
        runs.specChangeReplacesFinishedRun("changed-run", "changed-run-training");
    }
}

package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.FaultScenarios;
import dev.kubetune.operator.testing.ApiServerCluster;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.TestKubelet;
import dev.kubetune.operator.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * {@link FaultScenarios} against the real API server ({@link ApiServerCluster}: the real Job controller
 * makes the pods, {@link TestKubelet} plays the kubelet). The operator runs as a child JVM that is
 * SIGKILLed (the restart and Lease scenarios), or in this JVM (conflicts, refused Jobs), each in a
 * namespace of its own. Skipped with one loud line without the binaries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorFaultsApiServerTest {

    static ApiServerCluster cluster;
    static TestKubelet kubelet;
    static FaultScenarios faults;

    @BeforeAll
    static void start() {
        cluster = ApiServerCluster.shared();
        cluster.namespace("faults");
        Await.setTimeout(Duration.ofSeconds(150));
        kubelet = TestKubelet.besideJobController(cluster.client(), "faults").start();
        faults = new FaultScenarios(cluster.client(), kubelet, "faults", cluster.kubeconfig(), true);
    }

    @AfterAll
    static void stop() {
        Await.setTimeout(null);
        if (kubelet != null) {
            kubelet.close();
        }
    }

    @Test
    void operatorSigkilledAtRandomMomentsAndRestarted() {
        faults.operatorKilledAndRestarted("killed", 20, 5, 22);
    }

    @Test
    void secondReplicaTakesOverThroughTheLease() {
        faults.secondReplicaTakesOver("takeover", 8);
    }

    @Test
    void statusConflictsAreRetriedToTheSameResult() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Operator operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of("kubetune.namespaces", "faults")),
                new OperatorMetrics(registry));
        operator.start();
        try {
            AtomicInteger pokes = new AtomicInteger();
            faults.statusConflicts("conflicts", 6, pokes);
            assertThat(pokes.get()).as("resourceVersion bumps").isGreaterThan(20);
            assertThat(failedReconciliations(registry)).as("status writes refused with 409, then retried").isPositive();
        } finally {
            operator.stop();
        }
    }

    @Test
    void refusedJobShowsFailedCreateWithTheServersMessage() {
        Operator operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of("kubetune.namespaces", "faults")),
                new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        operator.start();
        try {
            faults.jobRefusedShowsFailedCreate("refused");
        } finally {
            operator.stop();
        }
    }

    /** Last: the shared cluster's API server is replaced by a new process (same etcd, same port). */
    @Test
    @Order(Integer.MAX_VALUE)
    void apiServerRestartedMidRun() {
        Operator operator = TestOperator.create(cluster.client(), OperatorSettings.with(Map.of("kubetune.namespaces", "faults")),
                new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        operator.start();
        try {
            faults.apiServerRestarted("restarted", 10, cluster::restartApiServer);
        } finally {
            operator.stop();
        }
    }

    /** JOSDK's count of reconciliations that ended in an exception (here: the 409s of optimistic status writes). */
    static double failedReconciliations(PrometheusMeterRegistry registry) {
        double failed = 0;
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().endsWith("reconciliations.failed")) {
                for (Measurement m : meter.measure()) {
                    failed += m.getValue();
                }
            }
        }
        return failed;
    }
}

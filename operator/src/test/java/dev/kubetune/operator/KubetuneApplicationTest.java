package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.scenarios.FoldTrainingScenarios;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.MockApiServerResource;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus application itself, booted against the fabric8 mock API server: quarkus-operator-sdk
 * registers and starts both reconcilers (CDI beans) with the settings of {@code application.properties},
 * SmallRye Health and the Prometheus endpoint answer on Quarkus' paths, and a FoldTraining runs to
 * success through it. (The test profile patches status by merge patch: the mock server has no
 * server-side apply.)
 */
@QuarkusTest
@QuarkusTestResource(value = MockApiServerResource.class, restrictToAnnotatedClass = true)
class KubetuneApplicationTest {

    @Inject
    Operator operator;

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/q/health/live")
    URL live;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    /** The chart's startup probe. */
    @TestHTTPResource("/q/health/started")
    URL started;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void quarkusOperatorSdkRegistersBothReconcilers() {
        assertThat(operator.getRegisteredControllers()).extracting(c -> c.getConfiguration().getName())
                .containsExactlyInAnyOrder("foldtraining", "inferencerun");
        for (RegisteredController<?> controller : operator.getRegisteredControllers()) {
            assertThat(controller.getConfiguration().maxReconciliationInterval()).contains(Duration.ofMinutes(10));
            assertThat(controller.getConfiguration().getInformerConfig().watchAllNamespaces()).isTrue();
        }
        assertThat(operator.getKubernetesClient().getConfiguration().getMasterUrl())
                .isEqualTo(client.getConfiguration().getMasterUrl());
    }

    @Test
    void healthAndMetricsOverHttp() throws Exception {
        Await.until("operator ready", () -> status(ready) == 200);
        HttpResponse<String> liveness = get(live);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("kubetune-operator").contains("UP");
        assertThat(get(ready).body()).contains("kubetune-informers");
        assertThat(status(started)).isEqualTo(200);

        TestKubelet kubelet = new TestKubelet(client, MockApiServerResource.NAMESPACE).start();
        try {
            new FoldTrainingScenarios(client, kubelet, MockApiServerResource.NAMESPACE).oneFoldSucceeds("in-quarkus");
        } finally {
            kubelet.close();
        }
        assertThat(registry.get(OperatorMetrics.JOBS_CREATED).tag("kind", "FoldTraining").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(get(metrics).body())
                .contains("kubetune_jobs_submitted_total")
                .contains("kubetune_units")
                .contains("kubetune_reconcile_duration_seconds")
                .contains("kubetune_harvest_lag_seconds")
                .as("java-operator-sdk's metrics, per controller: no series labelled with a resource's name")
                .contains("operator_sdk_reconciliations")
                .doesNotContain("\"in-quarkus\"");
    }

    private int status(URL url) {
        try {
            return get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> get(URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

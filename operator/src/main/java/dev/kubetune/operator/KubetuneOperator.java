package dev.kubetune.operator;

import dev.kubetune.operator.foldtraining.FoldTrainingReconciler;
import dev.kubetune.operator.inferencerun.InferenceRunReconciler;
import dev.kubetune.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** The operator: both reconcilers on one JOSDK {@link Operator}, plus health and metrics over HTTP. */
public final class KubetuneOperator {

    private static final Logger LOG = Logger.getLogger(KubetuneOperator.class.getName());

    private KubetuneOperator() {
    }

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.load();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = create(client, settings, new OperatorMetrics(registry));
        HealthServer health = HealthServer.start(settings.httpPort(), operator, registry);
        operator.installShutdownHook(Duration.ofSeconds(10));
        Runtime.getRuntime().addShutdownHook(new Thread(health::close));
        operator.start();
        LOG.info("kubetune operator started; watching " + (settings.namespaces().isEmpty() ? "all namespaces"
                : String.join(",", settings.namespaces())));
    }

    /** The operator, its two controllers registered, not started. */
    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                    .withMetrics(MicrometerMetricsV2.newBuilder(metrics.registry()).build());
            if (settings.leaderElection()) {
                LeaderElectionConfigurationBuilder election =
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName());
                if (settings.leaseNamespace() != null) {
                    election.withLeaseNamespace(settings.leaseNamespace());
                }
                o.withLeaderElectionConfiguration(election.build());
            }
        });
        operator.register(new FoldTrainingReconciler(settings, metrics), controller(settings));
        operator.register(new InferenceRunReconciler(settings, metrics), controller(settings));
        return operator;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<R>>
            controller(OperatorSettings settings) {
        return c -> {
            c.withReconciliationMaxInterval(settings.resyncInterval());
            if (!settings.namespaces().isEmpty()) {
                c.settingNamespaces(settings.namespaces());
            }
        };
    }
}

package dev.kubetune.operator.testing;

import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.foldtraining.FoldTrainingReconciler;
import dev.kubetune.operator.inferencerun.InferenceRunReconciler;
import dev.kubetune.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.util.function.Consumer;

/**
 * Both reconcilers on a plain JOSDK {@link Operator}, configured from {@link OperatorSettings} the
 * way quarkus-operator-sdk configures them from {@code application.properties} (namespaces,
 * max reconciliation interval, server-side apply or merge patch for status, Micrometer metrics per
 * controller as {@code OperatorBeans} makes them).
 * Lets the mock-server tests run the real reconcilers without booting Quarkus.
 */
public final class TestOperator {

    private TestOperator() {
    }

    /** The operator, its two controllers registered, not started. */
    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics) {
        return create(client, settings, metrics, o -> { });
    }

    /** The same, with more of JOSDK's configuration set by {@code more} (e.g. leader election). */
    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
                                  Consumer<ConfigurationServiceOverrider> more) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()));
            more.accept(o);
        });
        operator.register(new FoldTrainingReconciler(settings, metrics), controller(settings));
        operator.register(new InferenceRunReconciler(settings, metrics), controller(settings));
        return operator;
    }

    private static <R extends HasMetadata> Consumer<ControllerConfigurationOverrider<R>> controller(
            OperatorSettings settings) {
        return c -> {
            c.withReconciliationMaxInterval(settings.resyncInterval());
            if (!settings.namespaces().isEmpty()) {
                c.settingNamespaces(settings.namespaces());
            }
        };
    }
}

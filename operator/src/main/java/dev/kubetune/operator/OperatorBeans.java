package dev.kubetune.operator;

import dev.kubetune.operator.metrics.OperatorMetrics;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The beans the reconcilers are built from: {@link OperatorSettings} from the Quarkus configuration
 * ({@code application.properties}, system properties, environment), {@link OperatorMetrics} on
 * Quarkus' Micrometer registry (and java-operator-sdk's metrics on it), and the leader election quarkus-operator-sdk uses when
 * {@code kubetune.leader-election.enabled} (in the prod profile).
 */
@Singleton
public class OperatorBeans {

    @Produces
    @Singleton
    OperatorSettings settings() {
        Config config = ConfigProvider.getConfig();
        return OperatorSettings.from(key -> config.getOptionalValue(key, String.class).orElse(null));
    }

    @Produces
    @Singleton
    OperatorMetrics metrics(MeterRegistry registry) {
        return new OperatorMetrics(registry);
    }

    /**
     * java-operator-sdk's own metrics, per controller and not per resource (quarkus-operator-sdk's default
     * keeps a set of meters for every FoldTraining and InferenceRun: thousands of series for Prometheus
     * and a few MiB of heap per thousand resources).
     */
    @Produces
    @Singleton
    Metrics josdkMetrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }

    /** Looked up by quarkus-operator-sdk at startup; null (none) unless leader election is enabled. */
    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        if (!settings.leaderElection()) {
            return null;
        }
        LeaderElectionConfigurationBuilder election =
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName());
        if (settings.leaseNamespace() != null) {
            election.withLeaseNamespace(settings.leaseNamespace());
        }
        return election.build();
    }
}

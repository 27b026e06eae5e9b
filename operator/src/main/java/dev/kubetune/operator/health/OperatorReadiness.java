package dev.kubetune.operator.health;

import io.javaoperatorsdk.operator.Operator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: the operator has started and every informer is synced and healthy. */
@Readiness
@Singleton
public class OperatorReadiness implements HealthCheck {

    private final Operator operator;

    @Inject
    public OperatorReadiness(Operator operator) {
        this.operator = operator;
    }

    @Override
    public HealthCheckResponse call() {
        var info = operator.getRuntimeInfo();
        return HealthCheckResponse.named("kubetune-informers")
                .status(info.isStarted() && info.allEventSourcesAreHealthy()).build();
    }
}

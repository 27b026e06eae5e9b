package dev.kubetune.operator.health;

import io.javaoperatorsdk.operator.Operator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@code /q/health/live}: the operator has started. */
@Liveness
@Singleton
public class OperatorLiveness implements HealthCheck {

    private final Operator operator;

    @Inject
    public OperatorLiveness(Operator operator) {
        this.operator = operator;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kubetune-operator").status(operator.getRuntimeInfo().isStarted()).build();
    }
}

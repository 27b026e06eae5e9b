package dev.kubetune.operator.metrics;

import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's own metrics: units by phase (gauge), reconcile duration and harvest lag (timers),
 * Jobs created and unit failures by reason (counters). All are tagged with the resource kind.
 */
public final class OperatorMetrics {

    public static final String UNITS = "kubetune.units";
    public static final String RECONCILE = "kubetune.reconcile.duration";
    public static final String HARVEST_LAG = "kubetune.harvest.lag";
    public static final String JOBS_CREATED = "kubetune.jobs.submitted";
    public static final String UNIT_FAILURES = "kubetune.unit.failures";

    private final MeterRegistry registry;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Gauges of units per phase of {@code kind}, counted over the resources {@code units} streams. */
    public void unitsByPhase(String kind, Supplier<Stream<List<? extends UnitStatus>>> units) {
        for (UnitPhase phase : UnitPhase.values()) {
            Gauge.builder(UNITS, () -> units.get().flatMap(List::stream).filter(u -> u.getPhase() == phase).count())
                    .description("Work units (folds, shards) by phase")
                    .tag("kind", kind).tag("phase", phase.name())
                    .register(registry);
        }
    }

    public Timer.Sample startReconcile() {
        return Timer.start(registry);
    }

    public void stopReconcile(Timer.Sample sample, String kind) {
        sample.stop(Timer.builder(RECONCILE).description("Time of one reconciliation").tag("kind", kind)
                .register(registry));
    }

    /** Time from a pod's termination to its result being in status. */
    public void harvestLag(String kind, Instant terminatedAt, Instant recorded) {
        if (terminatedAt != null && !recorded.isBefore(terminatedAt)) {
            Timer.builder(HARVEST_LAG).description("Pod terminated → result in the resource's status")
                    .tag("kind", kind).register(registry).record(Duration.between(terminatedAt, recorded));
        }
    }

    public void jobCreated(String kind) {
        Counter.builder(JOBS_CREATED).description("Jobs created (submitted to the API server)").tag("kind", kind).register(registry).increment();
    }

    public void unitFailed(String kind, String reason) {
        Counter.builder(UNIT_FAILURES).description("Units failed for good, by reason")
                .tag("kind", kind).tag("reason", reason == null ? "Unknown" : reason).register(registry).increment();
    }
}

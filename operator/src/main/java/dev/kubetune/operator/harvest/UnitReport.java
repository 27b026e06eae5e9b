package dev.kubetune.operator.harvest;

import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitStatus;
import dev.kubetune.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;

/**
 * What the record step tells the outside about units that moved: an Event per transition, the
 * harvest lag of finished units and the failure counter. Shared by both reconcilers.
 */
public final class UnitReport {

    private final UnitEvents events;
    private final OperatorMetrics metrics;
    private final String kind;
    private final String unitPrefix;

    public UnitReport(UnitEvents events, OperatorMetrics metrics, String kind, String unitPrefix) {
        this.events = events;
        this.metrics = metrics;
        this.kind = kind;
        this.unitPrefix = unitPrefix;
    }

    /** Reports the units of {@code after} whose phase differs from {@code before}. */
    public void report(HasMetadata resource, List<? extends UnitStatus> before, List<? extends UnitStatus> after,
                       List<UnitObservation> observed, Instant now) {
        List<UnitTransitions.Transition> moved = UnitTransitions.between(before, after);
        events.emit(resource, unitPrefix, moved);
        for (UnitTransitions.Transition t : moved) {
            if (t.to().isFinished()) {
                observed.stream().filter(o -> o.index() == t.unit().getIndex()).findFirst()
                        .ifPresent(o -> metrics.harvestLag(kind, o.terminatedAt(), now));
            }
            if (t.to() == UnitPhase.Failed) {
                metrics.unitFailed(kind, t.unit().getFailureReason());
            }
        }
    }
}

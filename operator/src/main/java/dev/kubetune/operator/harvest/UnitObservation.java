package dev.kubetune.operator.harvest;

import dev.kubetune.api.status.UnitOutcome;
import java.time.Instant;

/**
 * What the cluster says about one work unit: its outcome (for the shared status mapping), when its last
 * pod's container terminated (for the harvest lag) and whether its Job finished before its pods' outcome
 * reached the pod informer (the unit is looked at again soon).
 *
 * @param outcome           the unit's Job, pods and the runner's result, as the status mapping takes them
 * @param terminatedAt      when the last pod's container terminated, if one did
 * @param awaitingPodResult whether the Job finished and the unit waits for its pods' outcome
 */
public record UnitObservation(UnitOutcome outcome, Instant terminatedAt, boolean awaitingPodResult) {

    static UnitObservation of(UnitOutcome outcome, Instant terminatedAt) {
        return new UnitObservation(outcome, terminatedAt, false);
    }

    public int index() {
        return outcome.index();
    }
}

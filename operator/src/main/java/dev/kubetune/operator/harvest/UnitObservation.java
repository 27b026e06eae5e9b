package dev.kubetune.operator.harvest;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.status.UnitPhase;
import java.time.Instant;

/**
 * What the cluster says about one work unit: its Job, its pods and the runner's result.
 *
 * @param index          the fold or shard index
 * @param phase          Pending, Running, Succeeded or Failed
 * @param job            the Job's name, null before it exists
 * @param attempts       pods started for the unit
 * @param startTime      when the Job started (RFC 3339)
 * @param completionTime when the unit finished (RFC 3339)
 * @param result         the runner's result from the last terminated pod, when it wrote one
 * @param failureReason  CamelCase reason when Failed
 * @param message        one line for humans
 * @param terminatedAt   when the last pod's container terminated (for the harvest lag)
 */
public record UnitObservation(
        int index,
        UnitPhase phase,
        String job,
        int attempts,
        String startTime,
        String completionTime,
        RunnerResult result,
        String failureReason,
        String message,
        Instant terminatedAt) {

    /** A unit without a Job yet. */
    public static UnitObservation notStarted(int index) {
        return new UnitObservation(index, UnitPhase.Pending, null, 0, null, null, null, null, null, null);
    }
}

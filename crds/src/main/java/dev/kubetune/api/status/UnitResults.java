package dev.kubetune.api.status;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a finished unit's {@link RunnerResult} lands in its status entry — the one mapping the operator's
 * harvest and the local executor share.
 */
public final class UnitResults {

    private UnitResults() {
    }

    /** Marks the unit running (a pod or process started), counting the attempt. */
    public static void started(UnitStatus unit, Instant now) {
        unit.setPhase(UnitPhase.Running);
        unit.setAttempts(unit.getAttempts() == null ? 1 : unit.getAttempts() + 1);
        if (unit.getStartTime() == null) {
            unit.setStartTime(timestamp(now));
        }
        unit.setFailureReason(null);
        unit.setMessage(null);
    }

    /**
     * Records a finished attempt: its result (when the unit wrote one) and exit code. A succeeded result
     * sets Succeeded with its metrics; a failure sets Failed when it is final (bad input, or no retries
     * left), else puts the unit back to Pending for a retry.
     *
     * @param result   the unit's result, or null when it wrote none (killed, crashed)
     * @param exitCode the runner's exit code
     * @param retriesLeft whether another attempt may follow
     * @return whether the unit is now finished (succeeded, or failed for good)
     */
    public static boolean finished(UnitStatus unit, RunnerResult result, int exitCode, boolean retriesLeft, Instant now) {
        if (result != null && result.succeeded() && exitCode == ExitCodes.DONE) {
            unit.setPhase(UnitPhase.Succeeded);
            unit.setCompletionTime(timestamp(now));
            unit.setMetrics(result.metrics());
            unit.setTruncatedRows(result.truncatedRows());
            unit.setMessage(result.message());
            unit.setFailureReason(null);
            return true;
        }
        boolean badInput = exitCode == ExitCodes.BAD_INPUT;
        String reason = result != null && result.reason() != null ? result.reason()
                : badInput ? ConditionReason.BAD_INPUT : "ExitCode" + exitCode;
        unit.setFailureReason(reason);
        unit.setMessage(result != null && result.message() != null ? result.message() : "exited with code " + exitCode);
        if (badInput || !retriesLeft) {
            unit.setPhase(UnitPhase.Failed);
            unit.setCompletionTime(timestamp(now));
            if (!badInput) {
                unit.setFailureReason(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
                unit.setMessage("retries used up; last attempt: " + unit.getMessage());
            }
            return true;
        }
        unit.setPhase(UnitPhase.Pending);
        return false;
    }

    public static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

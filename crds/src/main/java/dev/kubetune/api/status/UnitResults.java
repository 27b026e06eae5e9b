package dev.kubetune.api.status;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;

/**
 * The one mapping from what is known about a unit's run ({@link UnitOutcome}: its last attempt's result
 * and exit code, its attempts, how its Job ended) to its status entry. The operator's harvest and the
 * local executor both call {@link #status}, so a fold or shard reads the same wherever it ran.
 *
 * <p>A finished unit's {@code failureReason} is, first to apply: the runner's own reason (a failed
 * RunnerResult); {@code BadInput} for exit code 65; the Job's Failed condition reason; else
 * {@code BackoffLimitExceeded}. Its message is the runner's message, else the raw termination
 * message, else "exited with code N", else the Job condition's message. A unit between attempts shows
 * no reason and says which failure it retries after.
 */
public final class UnitResults {

    /** The Failed condition reason the Job controller writes when retries are used up. */
    public static final String JOB_BACKOFF_LIMIT = ConditionReason.BACKOFF_LIMIT_EXCEEDED;
    /** The Failed condition reason the Job controller writes for a podFailurePolicy FailJob rule (exit 65). */
    public static final String JOB_POD_FAILURE_POLICY = "PodFailurePolicy";

    private UnitResults() {
    }

    /** Writes {@code o} into {@code unit} (every field the mapping owns), and returns {@code unit}. */
    public static <T extends UnitStatus> T status(T unit, UnitOutcome o) {
        unit.setIndex(o.index());
        unit.setJob(o.job());
        unit.setAttempts(o.job() == null ? null : o.attempts());
        unit.setStartTime(o.startTime());
        unit.setMetrics(null);
        unit.setTruncatedRows(null);
        unit.setFailureReason(null);
        RunnerResult result = o.last() == null ? null : o.last().result();
        switch (o.end()) {
            case COMPLETE -> {
                unit.setPhase(UnitPhase.Succeeded);
                unit.setCompletionTime(o.endTime());
                unit.setMessage(result == null ? null : result.message());
                if (result != null && result.succeeded()) {
                    if (result.metrics() != null && !result.metrics().isEmpty()) {
                        unit.setMetrics(new TreeMap<>(result.metrics()));
                    }
                    unit.setTruncatedRows(result.truncatedRows());
                    unit.recordArtifacts(result);
                }
            }
            case FAILED -> {
                unit.setPhase(UnitPhase.Failed);
                unit.setCompletionTime(o.endTime());
                unit.setFailureReason(failureReason(o));
                unit.setMessage(failureMessage(o));
            }
            default -> {
                unit.setPhase(o.end() == UnitOutcome.End.RUNNING ? UnitPhase.Running : UnitPhase.Pending);
                unit.setCompletionTime(null);
                String retry = o.last() == null || succeeded(o.last()) ? null : "retrying after: " + failureMessage(o);
                unit.setMessage(o.note() != null ? o.note() : retry);
            }
        }
        return unit;
    }

    /** Marks the unit running (a pod or process started), counting the attempt. */
    public static void started(UnitStatus unit, Instant now) {
        unit.setPhase(UnitPhase.Running);
        unit.setAttempts(unit.getAttempts() == null ? 1 : unit.getAttempts() + 1);
        if (unit.getStartTime() == null) {
            unit.setStartTime(timestamp(now));
        }
        unit.setFailureReason(null);
    }

    /**
     * Records an ended attempt of a unit run without a Job (the local executor), ending the unit as the
     * Job controller ends a Job with {@code backoffLimit} and kubetune's podFailurePolicy: exit 0 completes
     * it; exit 65 fails it at once; another exit fails it once {@code backoffLimit} retries are used,
     * else it waits for its next attempt.
     *
     * @return whether the unit is now finished (succeeded, or failed for good)
     */
    public static boolean afterAttempt(UnitStatus unit, UnitOutcome.Attempt attempt, int backoffLimit, Instant now) {
        int attempts = unit.getAttempts() == null ? 1 : unit.getAttempts();
        UnitOutcome.Builder o = UnitOutcome.builder(unit.getIndex()).job(unit.getJob()).attempts(attempts)
                .startTime(unit.getStartTime()).last(attempt);
        int exit = attempt.exitCode() == null ? -1 : attempt.exitCode();
        if (exit == ExitCodes.DONE) {
            o.ended(UnitOutcome.End.COMPLETE, timestamp(now), null, null);
        } else if (exit == ExitCodes.BAD_INPUT) {
            o.ended(UnitOutcome.End.FAILED, timestamp(now), JOB_POD_FAILURE_POLICY,
                    "exit code " + exit + " matches the FailJob rule");
        } else if (attempts > backoffLimit) {
            o.ended(UnitOutcome.End.FAILED, timestamp(now), JOB_BACKOFF_LIMIT, "Job has reached the specified backoff limit");
        } else {
            o.end(UnitOutcome.End.PENDING);
        }
        status(unit, o.build());
        return unit.getPhase().isFinished();
    }

    private static boolean succeeded(UnitOutcome.Attempt a) {
        return a.exitCode() != null && a.exitCode() == ExitCodes.DONE;
    }

    private static String failureReason(UnitOutcome o) {
        UnitOutcome.Attempt last = o.last();
        RunnerResult result = last == null ? null : last.result();
        if (result != null && !result.succeeded() && result.reason() != null && !result.reason().isBlank()) {
            return result.reason();
        }
        if (last != null && last.exitCode() != null && last.exitCode() == ExitCodes.BAD_INPUT) {
            return ConditionReason.BAD_INPUT;
        }
        return o.endReason() == null || o.endReason().isBlank() ? ConditionReason.BACKOFF_LIMIT_EXCEEDED : o.endReason();
    }

    private static String failureMessage(UnitOutcome o) {
        UnitOutcome.Attempt last = o.last();
        if (last != null && last.result() != null && last.result().message() != null) {
            return last.result().message();
        }
        if (last != null && last.rawMessage() != null) {
            return last.rawMessage();
        }
        if (last != null && last.exitCode() != null) {
            return "exited with code " + last.exitCode();
        }
        return o.endMessage();
    }

    public static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

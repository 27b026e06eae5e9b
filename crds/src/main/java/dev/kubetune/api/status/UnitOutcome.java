package dev.kubetune.api.status;

import dev.kubetune.api.contract.RunnerResult;

/**
 * What is known about one work unit's run, whoever ran it: the input of {@link UnitResults#status}, the
 * one mapping to a unit's status entry. The operator reads it off a Job and its pods; the local executor
 * off its processes ({@link UnitResults#afterAttempt}), ending a unit as the Job controller would.
 *
 * @param index       the fold or shard index
 * @param job         the unit's Job name (null before it exists)
 * @param attempts    pods (or processes) started so far; null before the unit has a Job
 * @param startTime   when the unit started (RFC 3339)
 * @param end         how the unit stands: not finished, or finished and how
 * @param endTime     when it finished (RFC 3339), when it did
 * @param endReason   the Job's Failed condition reason (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy)
 * @param endMessage  that condition's message
 * @param last        the last attempt that ended (null: none did yet)
 * @param note        a note for a unit that has not finished (e.g. suspended), shown as its message
 */
public record UnitOutcome(int index, String job, Integer attempts, String startTime, End end, String endTime,
                          String endReason, String endMessage, Attempt last, String note) {

    /** Where a unit stands. */
    public enum End {
        /** No pod of it runs: not started yet, suspended, queued, or between attempts. */
        PENDING,
        /** A pod (or process) of it runs. */
        RUNNING,
        /** Finished: exit 0 (the Job's Complete condition). */
        COMPLETE,
        /** Finished for good without success (the Job's Failed condition). */
        FAILED
    }

    /**
     * One ended attempt.
     *
     * @param exitCode   the runner's exit code (null: not known, e.g. the pod was deleted)
     * @param result     the RunnerResult it wrote, when it wrote one
     * @param rawMessage its termination message when that is not a RunnerResult (e.g. the last log line)
     */
    public record Attempt(Integer exitCode, RunnerResult result, String rawMessage) {

        /** The longest raw message kept, in characters. */
        public static final int MAX_RAW_CHARS = 512;

        /**
         * An attempt whose output, when it wrote no RunnerResult, is {@code text} (a termination message that
         * is not a RunnerResult, or the tail of its log): its last non-blank line is kept, cut to
         * {@link #MAX_RAW_CHARS} characters.
         */
        public static Attempt of(Integer exitCode, RunnerResult result, String text) {
            return new Attempt(exitCode, result, result == null ? lastLine(text) : null);
        }

        static String lastLine(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String[] lines = text.strip().split("\n");
            String last = lines[lines.length - 1].strip();
            return last.length() > MAX_RAW_CHARS ? last.substring(0, MAX_RAW_CHARS - 1) + "…" : last;
        }
    }

    /** A unit with nothing created for it yet. */
    public static UnitOutcome notStarted(int index) {
        return builder(index).build();
    }

    public static Builder builder(int index) {
        return new Builder(index);
    }

    /** Builds a {@link UnitOutcome}; every field but the index is optional (end: PENDING). */
    public static final class Builder {
        private final int index;
        private String job;
        private Integer attempts;
        private String startTime;
        private End end = End.PENDING;
        private String endTime;
        private String endReason;
        private String endMessage;
        private Attempt last;
        private String note;

        private Builder(int index) {
            this.index = index;
        }

        public Builder job(String job) {
            this.job = job;
            return this;
        }

        public Builder attempts(Integer attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder startTime(String startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder end(End end) {
            this.end = end;
            return this;
        }

        /** Finished: {@code end} at {@code time}, with the Job condition's reason and message (may be null). */
        public Builder ended(End end, String time, String reason, String message) {
            this.end = end;
            this.endTime = time;
            this.endReason = reason;
            this.endMessage = message;
            return this;
        }

        public Builder last(Attempt last) {
            this.last = last;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public UnitOutcome build() {
            return new UnitOutcome(index, job, attempts, startTime, end, endTime, endReason, endMessage, last, note);
        }
    }
}

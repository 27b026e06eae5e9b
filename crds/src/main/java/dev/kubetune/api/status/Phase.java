package dev.kubetune.api.status;

/** Where a FoldTraining or InferenceRun stands as a whole. */
public enum Phase {
    /** Accepted; no unit has started yet. */
    Pending,
    /** Waiting for something outside it (an adapter of another FoldTraining). */
    Waiting,
    /** At least one unit is running or queued. */
    Running,
    /** spec.suspend is true: unfinished units are suspended. */
    Suspended,
    /** Every unit succeeded. */
    Succeeded,
    /** A unit failed for good (bad input, or retries used up). */
    Failed;

    /** Whether nothing more will happen for this generation of the spec. */
    public boolean isFinished() {
        return this == Succeeded || this == Failed;
    }
}

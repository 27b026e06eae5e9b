package dev.kubetune.api.status;

/** The CamelCase reasons of kubetune conditions; docs/troubleshooting.md says what to do for each. */
public final class ConditionReason {

    public static final String UNITS_PENDING = "UnitsPending";
    public static final String UNITS_RUNNING = "UnitsRunning";
    public static final String ALL_UNITS_SUCCEEDED = "AllUnitsSucceeded";
    public static final String BAD_INPUT = "BadInput";
    /** The API server has no Job spec.suspend (Kubernetes before 1.22): no Kueue admission. */
    public static final String NO_JOB_SUSPEND = "NoJobSuspend";
    public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    /** The API server refused a Job (quota, admission); Progressing=False with the server's message. */
    public static final String FAILED_CREATE = "FailedCreate";
    public static final String SUSPENDED = "SuspendedBySpec";
    public static final String NOT_SUSPENDED = "NotSuspended";
    public static final String NO_FAILURE = "NoFailure";
    public static final String NOT_WAITING = "NotWaiting";
    public static final String WAITING_FOR_FOLD_TRAINING = "WaitingForFoldTraining";
    public static final String FOLD_TRAINING_FAILED = "FoldTrainingFailed";
    public static final String FOLD_TRAINING_NOT_FOUND = "FoldTrainingNotFound";

    private ConditionReason() {
    }
}

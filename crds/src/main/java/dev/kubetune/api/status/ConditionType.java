package dev.kubetune.api.status;

/** Condition types of FoldTraining and InferenceRun status (Kubernetes conventions). */
public final class ConditionType {

    /** True when every unit succeeded and the results are in status. */
    public static final String READY = "Ready";
    /** True while units are queued or running. */
    public static final String PROGRESSING = "Progressing";
    /** True when a unit failed for good. */
    public static final String FAILED = "Failed";
    /** True while spec.suspend holds the units back. */
    public static final String SUSPENDED = "Suspended";
    /** True while the resource waits for another one (an adapter of a FoldTraining). */
    public static final String WAITING = "Waiting";
    /** True when spec.scheduling.queueName is not used: the API server cannot suspend Jobs, so Kueue cannot admit them. */
    public static final String QUEUE_IGNORED = "QueueIgnored";

    private ConditionType() {
    }
}

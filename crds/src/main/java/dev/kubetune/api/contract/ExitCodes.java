package dev.kubetune.api.contract;

/**
 * What a runner's exit code means to whoever started it (the operator's Job, the local executor,
 * a shell). Every image that honours the runner contract uses these codes.
 */
public final class ExitCodes {

    /** The unit finished and its result was written. */
    public static final int DONE = 0;

    /**
     * The input is wrong (resource, manifest, data set, model folder, adapter, command line):
     * running again cannot help, so the operator fails the unit at once instead of retrying.
     * The value is sysexits' EX_DATAERR.
     */
    public static final int BAD_INPUT = 65;

    /** A bug in the runner (sysexits' EX_SOFTWARE); retried, as the operator cannot tell it from a flaky node. */
    public static final int INTERNAL_ERROR = 70;

    /**
     * A fault of the machine, not of the input (disk full, an I/O error, out of memory): retryable.
     * The value is sysexits' EX_IOERR.
     */
    public static final int ENVIRONMENT = 74;

    /** The state dir of {@code kubetune run} is in use by another run: retryable. sysexits' EX_TEMPFAIL. */
    public static final int IN_USE = 75;

    /** Stopped by SIGTERM or SIGINT (128 + 15, as a shell reports it): retryable. */
    public static final int INTERRUPTED = 143;

    private ExitCodes() {
    }

    /** Whether a unit that exited with {@code code} may succeed when run again. */
    public static boolean isRetryable(int code) {
        return code != DONE && code != BAD_INPUT;
    }
}

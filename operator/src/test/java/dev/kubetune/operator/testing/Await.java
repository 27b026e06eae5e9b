package dev.kubetune.operator.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls until a condition holds; fails with the last observed state otherwise. */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(20);

    /** The timeout of the two-argument forms: {@link #DEFAULT}, longer against a real cluster ({@link #setTimeout}). */
    private static volatile Duration timeout = DEFAULT;

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "", timeout);
    }

    public static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        until(what, condition, state, timeout);
    }

    /**
     * Sets the timeout of the two-argument forms, for a test class whose cluster is slower than the mock
     * server (a real Job controller backs off 10 s and more between a Job's pods); null restores {@link #DEFAULT}.
     */
    public static void setTimeout(Duration value) {
        timeout = value == null ? DEFAULT : value;
    }

    public static void until(String what, BooleanSupplier condition, Supplier<String> state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what + "; state: "
                + state.get() + busyReconcilers(), last);
    }

    /**
     * The stacks of the reconciliations running now (JOSDK names a reconciling thread
     * {@code ReconcilerExecutor-<controller>-<id>} while it works), so that a timeout caused by a
     * reconciliation that hangs says where.
     */
    static String busyReconcilers() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("ReconcilerExecutor-")) {
                out.append("\n  busy ").append(thread.getName());
                for (int i = 0; i < Math.min(stack.length, 15); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
            }
        });
        return out.isEmpty() ? "; no reconciliation running" : out.toString();
    }
}

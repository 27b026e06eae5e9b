package dev.kubetune.runner.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The unit processes a {@code kubetune run} has started, and what happens when it is told to stop
 * (SIGTERM, SIGINT): a shutdown hook forwards the signal to every unit (SIGTERM), lets the run record
 * what they finished, and only then lets the JVM end. Units also end by themselves when the run is
 * killed outright (kill -9): they watch their standard input, a pipe from the run ({@code UnitProcess}).
 */
final class LiveUnits implements AutoCloseable {

    private static final long DRAIN_SECONDS = 60;

    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "kubetune-run-stop");
    private volatile boolean stopping;

    LiveUnits() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void add(Process process) {
        processes.add(process);
        if (stopping) {
            process.destroy();
        }
    }

    void remove(Process process) {
        processes.remove(process);
    }

    /** Whether the run was told to stop: start nothing more. */
    boolean stopping() {
        return stopping;
    }

    /** The run has recorded everything it will: the JVM may end. */
    void drained() {
        drained.countDown();
    }

    private void stop() {
        stopping = true;
        processes.forEach(Process::destroy);
        try {
            drained.await(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        drained();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running
        }
    }
}

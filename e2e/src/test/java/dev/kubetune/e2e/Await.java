package dev.kubetune.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for the suite, with the cluster's state written to the log folder when it times out. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, String what, RealCluster cluster, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; cluster state in " + dump(cluster, what));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Pods, Jobs, kubetune resources, events and the operator's log, into one file; its path. */
    static String dump(RealCluster cluster, String why) {
        StringBuilder out = new StringBuilder("# " + why + "\n");
        for (String[] command : new String[][] {
                {"get", "nodes,pods,jobs,pv,pvc", "-A", "-o", "wide"},
                {"get", "foldtrainings,inferenceruns", "-A", "-o", "yaml"},
                {"get", "events", "-A", "--sort-by=.lastTimestamp"},
                {"describe", "pods", "-A"},
                {"logs", "-n", KubetuneInstall.NAMESPACE, "deployment/" + KubetuneInstall.RELEASE, "--tail=300"}}) {
            out.append("\n$ kubectl ").append(String.join(" ", command)).append('\n');
            try {
                out.append(cluster.kubectl(command));
            } catch (RuntimeException e) {
                out.append(e.getMessage()).append('\n');
            }
        }
        try {
            var file = Files.createTempFile(Files.createDirectories(RealCluster.LOGS), "state-", ".txt");
            Files.writeString(file, out);
            return file.toString();
        } catch (IOException e) {
            return "(could not write it: " + e.getMessage() + ")";
        }
    }
}

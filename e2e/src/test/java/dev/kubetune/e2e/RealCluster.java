package dev.kubetune.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real one-node cluster of {@code ci/cluster.sh} (kubelet on containerd, Kubernetes 1.20 from the
 * cache {@code ci/kube-apiserver.sh} fills) with the runner and operator images this build made imported
 * into the node. One per JVM, brought up on first use and torn down when the JVM exits. Where it cannot
 * come up (not Linux or not root, no cached binaries, no image tarballs, a failed bring-up) every test
 * asking for it is skipped with the reason, printed once on stderr with {@code !!!!!}.
 */
final class RealCluster {

    static final Path ROOT = Path.of(System.getProperty("kubetune.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("kubetune.version", "0.1.0-SNAPSHOT");
    static final String RUNNER_IMAGE = "ghcr.io/kubetune/kubetune-runner";
    static final String OPERATOR_IMAGE = "ghcr.io/kubetune/kubetune-operator";
    /** The bridge address the API server listens on (pods have no kube-proxy to reach its Service). */
    static final String API_HOST = "10.244.0.1";
    static final String API_PORT = "16443";
    static final Path LOGS = ROOT.resolve("e2e/target/e2e-logs");

    private static RealCluster shared;
    private static String skipped;
    private static final List<Runnable> AFTER_DOWN = new ArrayList<>();

    final Path kubeconfig;
    final KubernetesClient client;

    private RealCluster(Path kubeconfig) throws IOException {
        this.kubeconfig = kubeconfig;
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    /** The shared cluster, brought up on first use; aborts the calling test (skip) when it cannot be. */
    static synchronized RealCluster shared() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        if (shared == null) {
            String why = unavailable();
            if (why == null) {
                try {
                    shared = start();
                } catch (RuntimeException e) {
                    why = "bring-up failed: " + e.getMessage();
                }
            }
            if (why != null) {
                skipped = "SKIPPED: end-to-end suite on a real cluster: " + why + " (docs/operations.md#the-end-to-end-suite)";
                System.err.println("!!!!! " + skipped);
                Assumptions.abort(skipped);
            }
        }
        return shared;
    }

    /** Why the cluster cannot be brought up here; null when it can be tried. */
    private static String unavailable() {
        if ("skip".equals(System.getenv("KUBETUNE_E2E"))) {
            return "KUBETUNE_E2E=skip";
        }
        if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
            return "needs Linux x86_64, this is " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (containerd, the kubelet, mounts, a bridge); running as " + System.getProperty("user.name");
        }
        for (Path image : List.of(imageTarball("runner"), imageTarball("operator"))) {
            if (!Files.isRegularFile(image)) {
                return "no image tarball " + image + " (images are built on Linux x86_64 by ./mvnw package)";
            }
        }
        return null;
    }

    static Path imageTarball(String module) {
        return ROOT.resolve(module).resolve("target").resolve("kubetune-" + module + "-image.tar");
    }

    private static RealCluster start() {
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a cluster left over by a killed run is torn down first
        script(Duration.ofMinutes(2), "down");
        long started = System.nanoTime();
        String kubeconfig = script(Duration.ofMinutes(4), "up").strip();
        Runtime.getRuntime().addShutdownHook(new Thread(RealCluster::stop, "real-cluster-down"));
        Duration up = Duration.ofNanos(System.nanoTime() - started);
        script(Duration.ofMinutes(5), "import", imageTarball("runner").toString(), RUNNER_IMAGE);
        script(Duration.ofMinutes(5), "import", imageTarball("operator").toString(), OPERATOR_IMAGE);
        System.err.printf("real cluster up in %d s, images imported in %d s: %s%n", up.toSeconds(),
                Duration.ofNanos(System.nanoTime() - started).minus(up).toSeconds(), kubeconfig);
        try {
            return new RealCluster(Path.of(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop() {
        if (shared != null) {
            shared.client.close();
        }
        try {
            script(Duration.ofMinutes(2), "down");
        } catch (RuntimeException e) {
            System.err.println("!!!!! real cluster tear-down: " + e.getMessage());
        }
        synchronized (AFTER_DOWN) {
            AFTER_DOWN.forEach(Runnable::run);
        }
    }

    /** Runs {@code cleanup} once the cluster is down (host folders its pods had mounted). */
    static void afterDown(Runnable cleanup) {
        synchronized (AFTER_DOWN) {
            AFTER_DOWN.add(cleanup);
        }
    }

    /** {@code kubectl} (the cluster's own, 1.20) with the admin kubeconfig; its stdout, or an exception with its stderr. */
    String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        return script(Duration.ofMinutes(2), command.toArray(String[]::new));
    }

    /** Runs {@code ci/cluster.sh args}; its stdout; its stderr goes to the log folder (and into the exception). */
    static String script(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("ci/cluster.sh").toString()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("cluster-sh", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ci/cluster.sh " + String.join(" ", args) + " timed out after " + timeout);
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (!args[0].equals("kubectl")) {
                Files.writeString(LOGS.resolve("cluster-sh.log"), "$ ci/cluster.sh " + String.join(" ", args) + "\n" + stderr,
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ci/cluster.sh " + String.join(" ", args) + " exited "
                        + process.exitValue() + ": " + tail(stderr));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }
}

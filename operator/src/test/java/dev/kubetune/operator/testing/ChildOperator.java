package dev.kubetune.operator.testing;

import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator (both reconcilers, as {@link TestOperator} registers them) in a JVM of its own, so that a
 * test can kill it with SIGKILL ({@link Process#destroyForcibly}) at any moment, mid-reconciliation,
 * exactly as a node or the kubelet kills an operator pod. {@link #start} launches it on the test's class
 * path; it prints {@code STARTED} and, with leader election, {@code LEADING <identity>} on stdout.
 */
public final class ChildOperator implements AutoCloseable {

    /** How long a Lease of a killed leader holds; a standby takes over after it (production default: 15 s). */
    public static final Duration LEASE_DURATION = Duration.ofSeconds(6);

    private final Process process;
    private final Path log;

    private ChildOperator(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * An operator process watching {@code namespace} of the cluster in {@code kubeconfig}, writing status by
     * server-side apply or merge patch (the mock server has no server-side apply); with a
     * {@code lease} name it runs only while it holds that Lease (identity {@code identity}).
     */
    public static ChildOperator start(Path kubeconfig, String namespace, boolean serverSideApply, String lease,
                                      String identity) {
        try {
            Path log = Files.createDirectories(Path.of("target", "child-operators"))
                    .resolve((identity == null ? "operator" : identity) + "-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), ChildOperator.class.getName(),
                    kubeconfig.toAbsolutePath().toString(), namespace, Boolean.toString(serverSideApply)));
            if (lease != null) {
                command.add(lease);
                command.add(identity);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildOperator(process, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start an operator process", e);
        }
    }

    /** Waits until the process says {@code line} (e.g. STARTED, LEADING a). */
    public void await(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (said(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("operator process exited with " + process.exitValue() + "; log " + log.toAbsolutePath());
            }
            sleep(50);
        }
        throw new AssertionError("operator process did not say " + line + " within " + timeout + "; log " + log.toAbsolutePath());
    }

    public boolean said(String line) {
        try {
            return Files.readAllLines(log).stream().anyMatch(l -> l.strip().equals(line));
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    public static void main(String[] args) throws Exception {
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(args[0])))).build();
        String namespace = args[1];
        OperatorSettings settings = OperatorSettings.with(Map.of("kubetune.namespaces", namespace,
                "kubetune.status.server-side-apply", args[2]));
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Operator operator;
        if (args.length > 3) {
            String identity = args[4];
            operator = TestOperator.create(client, settings, metrics, o -> o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(args[3])
                            .withLeaseNamespace(namespace).withIdentity(identity)
                            .withLeaseDuration(LEASE_DURATION).withRenewDeadline(LEASE_DURATION.dividedBy(2))
                            .withRetryPeriod(Duration.ofMillis(500))
                            .withLeaderCallbacks(new LeaderCallbacks(() -> System.out.println("LEADING " + identity),
                                    () -> System.out.println("STOPPED LEADING " + identity), leader -> { }))
                            .build()));
        } else {
            operator = TestOperator.create(client, settings, metrics, o -> { });
        }
        operator.start();
        System.out.println("STARTED");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** A kubeconfig for a server without authentication (the mock server) at {@code url}, written to {@code file}. */
    public static Path kubeconfig(String url, Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: test, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                    users: [{name: test, user: {}}]
                    contexts: [{name: test, context: {cluster: test, user: test}}]
                    current-context: test
                    """.formatted(url));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

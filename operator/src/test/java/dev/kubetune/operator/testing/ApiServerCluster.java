package dev.kubetune.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Kubernetes control plane for tests: etcd and kube-apiserver started by fabric8's kube-api-test,
 * with kube-controller-manager beside it (the Job controller creates real pods, which stay Pending
 * with no scheduler and no kubelet; the garbage collector follows owner references), and kubetune's
 * CRDs installed ({@link ServerCrds}). The binaries come from {@code $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64/}
 * as {@code ci/kube-apiserver.sh} lays them out; nothing is downloaded. One cluster per JVM, shared by
 * the test classes that ask for it and stopped when the JVM exits.
 */
public final class ApiServerCluster {

    public static final String ENV = KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR;
    private static final Path KUBECONFIG = Path.of("target", "kube-apiserver", "kubeconfig.yaml").toAbsolutePath();
    static final List<String> BINARIES = List.of("kube-apiserver", "etcd", "kubectl", "kube-controller-manager");

    private static ApiServerCluster shared;
    private static boolean skipAnnounced;

    private final KubeAPIServer apiServer;
    private final Process controllerManager;
    private final KubernetesClient client;
    private final String version;
    private final Duration startup;
    private final List<Process> restartedApiServers = new ArrayList<>();

    private ApiServerCluster(KubeAPIServer apiServer, Process controllerManager, KubernetesClient client,
            Duration startup) {
        this.apiServer = apiServer;
        this.controllerManager = controllerManager;
        this.client = client;
        this.version = client.getKubernetesVersion().getGitVersion();
        this.startup = startup;
    }

    /**
     * The shared cluster, started on first use; skips the calling test class (a JUnit assumption, and
     * one loud line on stderr per JVM) when {@code $KUBE_API_TEST_DIR} holds no binaries.
     */
    public static synchronized ApiServerCluster shared() {
        Optional<Path> binaries = binaries();
        if (binaries.isEmpty()) {
            String why = "SKIPPED: real-API-server tests: no kube-apiserver/etcd/kubectl/kube-controller-manager under $"
                    + ENV + "/k8s/<version>-linux-amd64 (" + ENV + "=" + System.getenv(ENV)
                    + "); run ci/kube-apiserver.sh and export " + ENV + " (docs/operations.md)";
            if (!skipAnnounced) {
                System.err.println("!!!!! " + why);
                skipAnnounced = true;
            }
            Assumptions.abort(why);
        }
        if (shared == null) {
            shared = start(binaries.get());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "api-server-cluster-stop"));
        }
        return shared;
    }

    /** The folder with the four binaries under {@code $KUBE_API_TEST_DIR/k8s}, if any. */
    public static Optional<Path> binaries() {
        String dir = System.getenv(ENV);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(Path.of(dir, "k8s"))) {
            return versions.filter(v -> v.getFileName().toString().endsWith("-linux-amd64"))
                    .filter(v -> BINARIES.stream().allMatch(b -> Files.isExecutable(v.resolve(b))))
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * etcd and kube-apiserver alone from {@code binaries} (a folder {@link #binaries()} found), started; no
     * controller manager: nothing creates pods for Jobs or collects garbage unless the caller does.
     */
    public static KubeAPIServer startApiServer(Path binaries) {
        KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(version(binaries))
                .withUpdateKubeConfig(false)
                .build());
        apiServer.start();
        return apiServer;
    }

    private static String version(Path binaries) {
        return binaries.getFileName().toString().replace("-linux-amd64", "");
    }

    private static ApiServerCluster start(Path binaries) {
        long started = System.nanoTime();
        String version = version(binaries);
        KubeAPIServer apiServer = startApiServer(binaries);
        double apiServerSeconds = (System.nanoTime() - started) / 1e9;
        Process controllerManager = null;
        try {
            String kubeconfig = apiServer.getKubeConfigYaml();
            Path work = Files.createDirectories(KUBECONFIG.getParent());
            Path kubeconfigFile = KUBECONFIG;
            Files.writeString(kubeconfigFile, kubeconfig);
            // the CRDs before the controller manager: its garbage collector discovers resource types at startup and
            // then only every 30 s, so this way it watches FoldTrainings and InferenceRuns from its first sync
            KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
            ServerCrds.install(client);
            List<String> command = new ArrayList<>(List.of(binaries.resolve("kube-controller-manager").toString(),
                    "--kubeconfig=" + kubeconfigFile.toAbsolutePath(),
                    "--controllers=job,garbagecollector",
                    "--leader-elect=false",
                    "--secure-port=0",
                    "--v=1"));
            if (Integer.parseInt(version.split("\\.")[1]) < 24) {
                command.add("--port=0"); // the insecure port, removed in 1.24
            }
            Path log = work.resolve("kube-controller-manager.log");
            controllerManager = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitGarbageCollector(controllerManager, log);
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            ApiServerCluster cluster = new ApiServerCluster(apiServer, controllerManager, client, startup);
            System.err.printf("real API server %s up in %.1f s (etcd + kube-apiserver %.1f s, then kube-controller-manager"
                    + " and the CRDs); logs in %s%n", cluster.version, startup.toMillis() / 1000.0, apiServerSeconds,
                    work.toAbsolutePath());
            return cluster;
        } catch (IOException e) {
            stop(apiServer, controllerManager);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop(apiServer, controllerManager);
            throw e;
        }
    }

    /**
     * Waits (up to 30 s) until the controller manager's log says its garbage collector has synced its
     * monitors, so that the tests' Jobs and pods meet a collector that knows every resource type.
     */
    private static void awaitGarbageCollector(Process controllerManager, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!controllerManager.isAlive()) {
                throw new IllegalStateException("kube-controller-manager exited with " + controllerManager.exitValue()
                        + ", see " + log.toAbsolutePath());
            }
            if (Files.readString(log).contains("all resource monitors have synced")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for kube-controller-manager", e);
            }
        }
        System.err.println("kube-controller-manager: its garbage collector has not synced after 30 s; see " + log.toAbsolutePath());
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * Kills kube-apiserver (SIGKILL: its watches drop without a word) and starts it again with the same
     * command line on the same etcd, then waits until it answers; returns how long it was away. Clients
     * and informers (the operator's, the controller manager's) must reconnect and relist by themselves.
     */
    public synchronized Duration restartApiServer() {
        ProcessHandle old = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/kube-apiserver")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no kube-apiserver process of this JVM"));
        List<String> command = new ArrayList<>();
        command.add(old.info().command().orElseThrow());
        command.addAll(List.of(old.info().arguments().orElseThrow()));
        long started = System.nanoTime();
        detachFromKubeApiTest();
        old.destroyForcibly();
        old.onExit().join();
        try {
            Path log = KUBECONFIG.getParent().resolve("kube-apiserver-restarted.log");
            Process restarted = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            restartedApiServers.add(restarted);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    client.namespaces().list();
                    return Duration.ofNanos(System.nanoTime() - started);
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline || !restarted.isAlive()) {
                        throw new IllegalStateException("kube-apiserver did not come back; see " + log, e);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tells kube-api-test that its kube-apiserver process is stopped on purpose. Otherwise the process's end
     * counts as unexpected and kube-api-test stops everything it started, etcd included (its
     * {@code processStopped} calls {@code stop()}), and the restarted API server finds no etcd. Done by
     * reflection: kube-api-test 7.5 offers no way to restart its API server.
     */
    private void detachFromKubeApiTest() {
        try {
            java.lang.reflect.Field processField = KubeAPIServer.class.getDeclaredField("kubeApiServerProcess");
            processField.setAccessible(true);
            Object process = processField.get(apiServer);
            java.lang.reflect.Field stopped = process.getClass().getDeclaredField("stopped");
            stopped.setAccessible(true);
            stopped.setBoolean(process, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kube-api-test changed: cannot restart its kube-apiserver without etcd stopping", e);
        }
    }

    /** The kubeconfig file for this cluster (what kube-controller-manager and operator processes use). */
    public Path kubeconfig() {
        return KUBECONFIG;
    }

    /** The server's git version, e.g. v1.20.2. */
    public String version() {
        return version;
    }

    /** The server's minor version (20 for v1.20.2). */
    public int minor() {
        return Integer.parseInt(client.getKubernetesVersion().getMinor().replaceAll("\\D", ""));
    }

    /** How long etcd, the API server and the controller manager took to start, CRDs included. */
    public Duration startup() {
        return startup;
    }

    /** Creates {@code namespace} unless it exists. */
    public void namespace(String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
    }

    private void stop() {
        client.close();
        restartedApiServers.forEach(Process::destroyForcibly);
        stop(apiServer, controllerManager);
    }

    private static void stop(KubeAPIServer apiServer, Process controllerManager) {
        if (controllerManager != null) {
            controllerManager.destroy();
            try {
                if (!controllerManager.waitFor(10, TimeUnit.SECONDS)) {
                    controllerManager.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        apiServer.stop();
    }
}

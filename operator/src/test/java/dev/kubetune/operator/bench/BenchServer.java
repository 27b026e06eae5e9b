package dev.kubetune.operator.bench;

import dev.kubetune.operator.testing.ApiServerCluster;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.ServerCrds;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The API server a benchmark runs against: the fabric8 mock server in CRUD mode, or a real one (etcd and
 * kube-apiserver from {@code $KUBE_API_TEST_DIR}, built by {@code ci/kube-apiserver.sh}) without a
 * controller manager, so that the benchmark's kubelet plays the Job controller as it does against the mock.
 *
 * @param name         "mock" or the real server's version
 * @param client       the harness's client
 * @param operatorArgs how the operator's own JVM connects: {@code --url URL} or {@code --kubeconfig FILE}
 * @param closer       stops the server
 */
record BenchServer(String name, KubernetesClient client, List<String> operatorArgs, AutoCloseable closer)
        implements AutoCloseable {

    static BenchServer mock() {
        MockCluster cluster = MockCluster.start();
        return new BenchServer("fabric8 mock server (CRUD mode)", cluster.client(),
                List.of("--url", cluster.client().getMasterUrl().toString()), cluster);
    }

    static BenchServer real() throws IOException {
        Path binaries = ApiServerCluster.binaries().orElseThrow(() -> new IllegalStateException(
                "--server real: no kube-apiserver and etcd under $" + ApiServerCluster.ENV
                        + "/k8s/<version>-linux-amd64; run: export " + ApiServerCluster.ENV + "=$(ci/kube-apiserver.sh)"));
        KubeAPIServer apiServer = ApiServerCluster.startApiServer(binaries);
        String kubeconfig = apiServer.getKubeConfigYaml();
        Path file = Files.createTempFile("kubetune-bench-kubeconfig", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, kubeconfig);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        ServerCrds.install(client);
        return new BenchServer("kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " (etcd "
                + binaries.getFileName() + ", no controller manager)", client,
                List.of("--kubeconfig", file.toString()), () -> {
                    client.close();
                    apiServer.stop();
                });
    }

    /** Whether FoldTraining status is written by server-side apply (the operator's default; the mock server lacks it). */
    boolean serverSideApply() {
        return operatorArgs.contains("--kubeconfig");
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}

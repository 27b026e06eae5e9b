package dev.kubetune.operator.bench;

import static dev.kubetune.operator.bench.OperatorBenchmark.seconds;

import dev.kubetune.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the fabric8 mock server costs by itself, before the operator runs on it: plain-client creates on
 * one thread and four, a labelled list and GETs by name with few and many objects stored.
 */
final class MockServerBaseline {

    private MockServerBaseline() {
    }

    /** The mock server alone: {@code n} ConfigMaps created by a plain client, one thread and four. */
    static void measure(int n) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            KubernetesClient client = cluster.client();
            for (String ns : List.of("one", "four")) {
                client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            }
            client.resource(configMap("one", "probe")).create();
            double getEmpty = timeGets(client, 500);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                client.resource(configMap("one", "cm-" + i)).create();
            }
            double one = seconds(System.nanoTime() - t0);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> client.resource(configMap("four", "cm-" + index)).create()));
            }
            for (var f : futures) {
                f.get();
            }
            double four = seconds(System.nanoTime() - t0);
            pool.shutdown();
            t0 = System.nanoTime();
            int listed = client.configMaps().inNamespace("one").withLabel("bench", "x").list().getItems().size();
            double list = seconds(System.nanoTime() - t0);
            double getFull = timeGets(client, 500);
            System.out.printf(Locale.ROOT, "mock server alone: %d ConfigMaps created in %.2f s (1 thread, %.0f/s), "
                            + "%.2f s (4 threads, %.0f/s); a labelled list over %d objects (%d items): %.0f ms; "
                            + "a GET by name: %.2f ms with 1 object stored, %.2f ms with %d%n",
                    n, one, n / one, four, n / four, 2 * n, listed, list * 1000, getEmpty, getFull, 2 * n + 1);
        }
    }

    /** Mean ms of {@code n} GETs of ConfigMap one/probe. */
    private static double timeGets(KubernetesClient client, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.configMaps().inNamespace("one").withName("probe").get();
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static ConfigMap configMap(String ns, String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels("bench", "x")
                .endMetadata().addToData("task.json", "{\"unit\":\"fold-0\",\"padding\":\"" + "x".repeat(1500) + "\"}")
                .build();
    }
}

package dev.kubetune.operator.bench;

import static dev.kubetune.operator.bench.OperatorBenchmark.NAMESPACE;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.testing.TestOperator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's side of {@link OperatorBenchmark}, in a JVM of its own ({@code --role operator}) or in the
 * harness's: the real reconcilers on a JOSDK operator, and the figures it reports about itself (reconciles,
 * heap, RSS, CPU time) as one stats line.
 */
final class OperatorSide {

    private OperatorSide() {
    }

    /**
     * {@code --role operator --url URL} (the mock server) or {@code --kubeconfig FILE} (a real one, status by
     * server-side apply as in production): the operator alone, against that API server; prints stats lines.
     */
    static void runOperator(Map<String, String> opts) throws Exception {
        boolean real = opts.containsKey("kubeconfig");
        Config config = real ? Config.fromKubeconfig(Files.readString(Path.of(opts.get("kubeconfig"))))
                : new ConfigBuilder().withMasterUrl(opts.get("url")).withTrustCerts(true).build();
        config.setNamespace(NAMESPACE);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Operator operator = startOperator(client, registry, real);
        System.out.println("STARTED");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread stats = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(250);
                    System.out.println("STATS " + statsLine(registry, false));
                    System.out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stats.setDaemon(true);
        stats.start();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("FINAL")) {
                System.out.println("FINAL " + statsLine(registry, true));
                System.out.flush();
            } else if (line.equals("STOP")) {
                break;
            }
        }
        operator.stop();
        client.close();
        System.exit(0);
    }

    static Operator startOperator(KubernetesClient client, SimpleMeterRegistry registry, boolean serverSideApply) {
        Operator operator = TestOperator.create(client, OperatorSettings.with(Map.of(
                "kubetune.status.server-side-apply", Boolean.toString(serverSideApply),
                "kubetune.namespaces", NAMESPACE)), new OperatorMetrics(registry));
        operator.start();
        return operator;
    }

    /** reconciles, mean ms, max ms, heap used MiB, heap max MiB, RSS MiB, VmHWM MiB, heap after GC MiB (or -1). */
    static String statsLine(SimpleMeterRegistry registry, boolean gc) {
        Timer timer = registry.find(OperatorMetrics.RECONCILE).tag("kind", FoldTraining.KIND).timer();
        long reconciles = timer == null ? 0 : timer.count();
        double mean = timer == null ? 0 : timer.mean(TimeUnit.MILLISECONDS);
        double max = timer == null ? 0 : timer.max(TimeUnit.MILLISECONDS);
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double afterGc = -1;
        if (gc) {
            System.gc();
            afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        }
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return String.format(Locale.ROOT, "%d %.3f %.3f %.1f %.1f %.1f %.1f %.1f %.2f", reconciles, mean, max,
                heap.getUsed() / MIB, heap.getMax() / MIB, procStatus("VmRSS"), procStatus("VmHWM"), afterGc, cpu);
    }

    static final double MIB = 1024.0 * 1024.0;

    /** A {@code /proc/self/status} field in MiB (-1 where there is none). */
    static double procStatus(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}

package dev.kubetune.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarked operator: in this JVM, or in a child JVM ({@code OperatorBenchmark --role operator})
 * that reports its reconcile count, heap and RSS on stdout every 250 ms.
 */
abstract class OperatorHandle implements AutoCloseable {

    /** What the operator's JVM reports. */
    static final class Stats {
        long reconciles;
        double reconcileMeanMs;
        double reconcileMaxMs;
        double heapPeakMiB;
        double heapMaxMiB;
        double rssPeakMiB;
        double rssHwmMiB;
        double heapAfterGcMiB = -1;
        double cpuSeconds;

        synchronized void take(String line, boolean fin) {
            String[] f = line.trim().split(" ");
            reconciles = Long.parseLong(f[0]);
            reconcileMeanMs = Double.parseDouble(f[1]);
            reconcileMaxMs = Double.parseDouble(f[2]);
            heapPeakMiB = Math.max(heapPeakMiB, Double.parseDouble(f[3]));
            heapMaxMiB = Double.parseDouble(f[4]);
            rssPeakMiB = Math.max(rssPeakMiB, Double.parseDouble(f[5]));
            rssHwmMiB = Double.parseDouble(f[6]);
            cpuSeconds = Double.parseDouble(f[8]);
            if (fin) {
                heapAfterGcMiB = Double.parseDouble(f[7]);
            }
        }

        synchronized Stats copy() {
            Stats s = new Stats();
            s.reconciles = reconciles;
            s.reconcileMeanMs = reconcileMeanMs;
            s.reconcileMaxMs = reconcileMaxMs;
            s.heapPeakMiB = heapPeakMiB;
            s.heapMaxMiB = heapMaxMiB;
            s.rssPeakMiB = rssPeakMiB;
            s.rssHwmMiB = rssHwmMiB;
            s.heapAfterGcMiB = heapAfterGcMiB;
            s.cpuSeconds = cpuSeconds;
            return s;
        }
    }

    final Stats stats = new Stats();

    /** Takes a sample now (in-process; a child samples itself). */
    abstract void sample();

    /** The final figures (a GC first, for the heap after GC). */
    abstract Stats stats() throws Exception;

    static OperatorHandle inProcess(KubernetesClient client, boolean serverSideApply) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Operator operator = OperatorSide.startOperator(client, registry, serverSideApply);
        return new OperatorHandle() {
            @Override
            void sample() {
                stats.take(OperatorSide.statsLine(registry, false), false);
            }

            @Override
            Stats stats() {
                stats.take(OperatorSide.statsLine(registry, true), true);
                return stats.copy();
            }

            @Override
            public void close() {
                operator.stop();
            }
        };
    }

    static OperatorHandle child(List<String> connect, String jvmOpts) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOpts.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OperatorBenchmark.class.getName(),
                "--role", "operator"));
        command.addAll(connect);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finalStats = new CountDownLatch(1);
        OperatorHandle handle = new OperatorHandle() {
            @Override
            void sample() {
            }

            @Override
            Stats stats() throws Exception {
                send(process, "FINAL");
                if (!finalStats.await(60, TimeUnit.SECONDS)) {
                    System.err.println("no final stats from the operator JVM");
                }
                return stats.copy();
            }

            @Override
            public void close() throws Exception {
                send(process, "STOP");
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        };
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("STARTED")) {
                        started.countDown();
                    } else if (line.startsWith("STATS ")) {
                        handle.stats.take(line.substring(6), false);
                    } else if (line.startsWith("FINAL ")) {
                        handle.stats.take(line.substring(6), true);
                        finalStats.countDown();
                    } else {
                        System.out.println("[operator] " + line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "operator-jvm-reader");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the operator JVM did not start");
        }
        return handle;
    }

    private static void send(Process process, String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}

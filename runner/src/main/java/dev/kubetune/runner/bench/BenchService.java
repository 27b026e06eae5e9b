package dev.kubetune.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Runs the benchmark: each case for the runner (a JVM of its own) and then the reference (when given),
 * back to back with the same threads, {@code repeat} times; keeps the medians. Then the copy test.
 */
public final class BenchService {

    private BenchService() {
    }

    public static BenchReport run(Path model, int threads, Path reference, String python, int repeat, int warmup,
                                  List<BenchCase> cases, PrintWriter progress) throws IOException, InterruptedException {
        List<BenchReport.Row> rows = new ArrayList<>();
        for (BenchCase c : cases) {
            List<CaseResult> runner = new ArrayList<>();
            List<CaseResult> ref = new ArrayList<>();
            long weightBytes = 0;
            for (int r = 0; r < repeat; r++) {
                JsonNode line = CaseProcess.runner(model, c, threads, warmup);
                weightBytes = line.get("weight_bytes").asLong();
                runner.add(CaseResult.fromJson(line, line.get("peak_rss_bytes").isNull() ? null
                        : line.get("peak_rss_bytes").asLong()));
                progress.printf("%s #%d runner    %s%n", c.name(), r + 1, line);
                if (reference != null) {
                    ref.add(CaseProcess.reference(python, reference, model, c, threads, warmup));
                    progress.printf("%s #%d reference %s%n", c.name(), r + 1, ref.get(ref.size() - 1));
                }
                progress.flush();
            }
            rows.add(new BenchReport.Row(c, median(runner), ref.isEmpty() ? null : median(ref), weightBytes));
        }
        double bandwidth = MemoryBandwidth.measure(threads);
        long runnerBaseline = CaseProcess.runnerBaseline();
        Long referenceBaseline = reference == null ? null : CaseProcess.referenceBaseline(python);
        return new BenchReport(rows, bandwidth, threads, repeat, cpuModel(), runnerBaseline,
                referenceBaseline);
    }

    /** The per-field median of runs. */
    static CaseResult median(List<CaseResult> runs) {
        Double prefill = runs.get(0).prefillTokensPerSecond() == null ? null
                : median(runs, r -> r.prefillTokensPerSecond());
        Long rss = runs.stream().anyMatch(r -> r.peakRssBytes() == null) ? null
                : (long) median(runs, r -> r.peakRssBytes());
        return new CaseResult(prefill, median(runs, CaseResult::tokensPerSecond), rss);
    }

    private static double median(List<CaseResult> runs, ToDoubleFunction<CaseResult> field) {
        double[] v = runs.stream().mapToDouble(field).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}

package dev.kubetune.runner.bench;

import java.io.PrintWriter;

/** The benchmark's table: runner, reference and runner ÷ reference per case and figure, then the bounds. */
public final class BenchTable {

    private static final double MIB = 1024.0 * 1024.0;

    private BenchTable() {
    }

    public static void print(BenchReport report, PrintWriter out) {
        out.printf("kubetune bench: %d threads, %s, median of %d%n", report.threads(), report.cpu(), report.repeat());
        out.printf("%-28s %-18s %12s %12s %8s%n", "case", "figure", "runner", "reference", "ratio");
        for (BenchReport.Row row : report.rows()) {
            CaseResult r = row.runner();
            CaseResult ref = row.reference();
            String name = row.benchCase().name();
            if (r.prefillTokensPerSecond() != null) {
                line(out, name, "prefill tokens/s", r.prefillTokensPerSecond(), ref == null ? null : ref.prefillTokensPerSecond());
            }
            line(out, name, row.benchCase().decoding() ? "decode tokens/s" : "train tokens/s", r.tokensPerSecond(),
                    ref == null ? null : ref.tokensPerSecond());
            line(out, name, "peak RSS MiB", r.peakRssBytes() == null ? null : r.peakRssBytes() / MIB,
                    ref == null || ref.peakRssBytes() == null ? null : ref.peakRssBytes() / MIB);
        }
        line(out, "engine alone", "peak RSS MiB", report.runnerBaselineBytes() / MIB,
                report.referenceBaselineBytes() == null ? null : report.referenceBaselineBytes() / MIB);
        out.printf("copy bandwidth %.1f GB/s (read + write, %d threads)%n", report.copyBytesPerSecond() / 1e9,
                report.threads());
        for (BenchReport.Row row : report.rows()) {
            BenchCase c = row.benchCase();
            double weights = row.weightBytes();
            if (c.decoding()) {
                double bound = report.decodeBound(row);
                out.printf("decode bound %s: %.1f tokens/s (weight bytes ÷ bandwidth); runner at %.0f%% of it%n",
                        c.name(), bound, 100 * row.runner().tokensPerSecond() / bound);
            }
            if (row.runner().peakRssBytes() != null) {
                long rss = row.runner().peakRssBytes();
                out.printf("peak RSS %s: %.2f × the weights as held (%.0f MiB, %s); above the engine alone: %.2f ×%s%n",
                        c.name(), rss / weights, weights / MIB, c.dtype(), (rss - report.runnerBaselineBytes()) / weights, referenceAbove(report, row, weights));
            }
        }
        out.flush();
    }

    private static String referenceAbove(BenchReport report, BenchReport.Row row, double weights) {
        if (row.reference() == null || row.reference().peakRssBytes() == null || report.referenceBaselineBytes() == null) {
            return "";
        }
        return String.format(" (reference: %.2f ×)",
                (row.reference().peakRssBytes() - report.referenceBaselineBytes()) / weights);
    }

    private static void line(PrintWriter out, String name, String figure, Double runner, Double reference) {
        String ratio = runner == null || reference == null || reference == 0 ? "–" : String.format("%.2f×", runner / reference);
        out.printf("%-28s %-18s %12s %12s %8s%n", name, figure, format(runner), format(reference), ratio);
    }

    private static String format(Double v) {
        return v == null ? "–" : String.format("%.1f", v);
    }
}

package dev.kubetune.runner.report;

import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import dev.kubetune.runner.output.Temporaries;

/**
 * Builds the comparison report of a set of experiments: report.md, report.csv, report.json,
 * report.html and the plots (PNG and SVG). Everything is drawn in a temporary folder beside the
 * output and moved into place at the end, so a failed report leaves the previous one intact.
 */
public final class ReportService {

    private ReportService() {
    }

    /** What was written. */
    public record Report(Path directory, List<ReportRow> rows, List<Path> files, ReportStatistics statistics) {

        /** One line per comparison: "A − B: Δ accuracy +0.80 [+0.75, +0.85], McNemar p = 1.2e-50". */
        public List<String> comparisonLines() {
            return statistics.comparisons().stream().map(c -> c.a() + " − " + c.b() + ": Δ accuracy "
                    + StatisticsTables.signed(c.accuracy()) + ", McNemar p = " + StatisticsTables.pValue(c.mcnemar().pValue())
                    + " (" + c.sharedRows() + " rows)").toList();
        }
    }

    /**
     * Where the report finds prediction files and what it compares.
     *
     * @param outputRoot each experiment's output volume on this machine (null: unknown, no statistics for it)
     * @param config     comparisons and bootstrap settings
     */
    public record Inputs(Function<CustomResource<?, ?>, Path> outputRoot, ReportConfig config) {
        public static final Inputs NONE = new Inputs(r -> null, ReportConfig.DEFAULT);

        /** Every experiment's output volume under one folder (kubetune report --artifacts). */
        public static Inputs artifacts(Path root, ReportConfig config) {
            return new Inputs(r -> root, config);
        }
    }

    public static Report write(List<CustomResource<?, ?>> resources, Path outDir) {
        return write(resources, outDir, Inputs.NONE);
    }

    public static Report write(List<CustomResource<?, ?>> resources, Path outDir, Inputs inputs) {
        System.setProperty("java.awt.headless", "true");
        List<ReportRow> rows = ReportRows.from(resources);
        List<String> notes = new ArrayList<>();
        List<Arm> arms = Arms.load(resources, inputs.outputRoot(), rows, notes);
        ReportStatistics statistics = arms.isEmpty() && notes.isEmpty() ? ReportStatistics.NONE
                : ReportStatistics.compute(resources, arms, inputs.config(), notes);
        String statisticsText = StatisticsTables.markdown(statistics);
        try {
            Files.createDirectories(outDir);
            Temporaries.removeStale(outDir, "report-");
            Path tmp = Files.createTempDirectory(outDir, ".report-");
            try {
                Files.writeString(tmp.resolve("report.md"), "# kubetune report\n\n" + ReportTables.markdown(rows)
                        + statisticsText, StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("report.csv"), ReportTables.csv(rows), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("report.json"), ReportTables.json(rows, StatisticsTables.json(statistics)),
                        StandardCharsets.UTF_8);
                List<String> charts = ReportCharts.write(rows, tmp);
                ReportCharts.save(StatisticsCharts.forest(statistics.comparisons()), tmp, "comparison_forest", charts);
                ReportCharts.save(StatisticsCharts.reliability(statistics.arms()), tmp, "reliability", charts);
                ReportCharts.save(StatisticsCharts.learningCurve(statistics.curves()), tmp, "learning_curve", charts);
                Files.writeString(tmp.resolve("report.html"), ReportHtml.render(rows, statisticsText, charts, tmp),
                        StandardCharsets.UTF_8);
                List<Path> files = new ArrayList<>();
                try (Stream<Path> made = Files.list(tmp)) {
                    for (Path f : made.sorted().toList()) {
                        Path target = outDir.resolve(f.getFileName());
                        Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        files.add(target);
                    }
                }
                return new Report(outDir, rows, files, statistics);
            } finally {
                Temporaries.deleteTree(tmp);
            }
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(outDir, e);
        }
    }
}

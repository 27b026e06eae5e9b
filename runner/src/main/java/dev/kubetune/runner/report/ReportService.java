package dev.kubetune.runner.report;

import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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
    public record Report(Path directory, List<ReportRow> rows, List<Path> files) {
    }

    public static Report write(List<CustomResource<?, ?>> resources, Path outDir) {
        System.setProperty("java.awt.headless", "true");
        List<ReportRow> rows = ReportRows.from(resources);
        try {
            Files.createDirectories(outDir);
            Temporaries.removeStale(outDir, "report-");
            Path tmp = Files.createTempDirectory(outDir, ".report-");
            try {
                Files.writeString(tmp.resolve("report.md"), "# kubetune report\n\n" + ReportTables.markdown(rows), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("report.csv"), ReportTables.csv(rows), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("report.json"), ReportTables.json(rows), StandardCharsets.UTF_8);
                List<String> charts = ReportCharts.write(rows, tmp);
                Files.writeString(tmp.resolve("report.html"), ReportHtml.render(rows, charts, tmp), StandardCharsets.UTF_8);
                List<Path> files = new ArrayList<>();
                try (Stream<Path> made = Files.list(tmp)) {
                    for (Path f : made.sorted().toList()) {
                        Path target = outDir.resolve(f.getFileName());
                        Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        files.add(target);
                    }
                }
                return new Report(outDir, rows, files);
            } finally {
                Temporaries.deleteTree(tmp);
            }
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(outDir, e);
        }
    }
}

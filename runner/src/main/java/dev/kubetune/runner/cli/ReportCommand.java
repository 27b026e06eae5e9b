package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.report.ReportConfig;
import dev.kubetune.runner.report.ReportRow;
import dev.kubetune.runner.report.ReportService;
import dev.kubetune.runner.report.StatusFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune report}: the comparison table and plots from finished experiments. */
@Command(name = "report",
        description = "Compare models and variants (zero-shot / LoRA fine-tuned): report.md, .csv, .json, .html "
                + "and plots (PNG, SVG) from a local state dir or from status YAML (kubectl get ft,ir -o yaml).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--from", "--state-dir"}, required = true, paramLabel = "DIR",
            description = "Folder of FoldTraining / InferenceRun YAML with status (read recursively).")
    Path from;

    @Option(names = {"-o", "--output"}, defaultValue = "report", paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "The output volume (artifacts) folder: reads the predictions for the statistics (out-of-fold "
                    + "rows, intervals, paired comparisons) and writes each FoldTraining's out-of-fold file there.")
    Path artifacts;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Report configuration: comparisons (a, b) and bootstrap (resamples, seed); see docs/researchers-guide.md.")
    Path config;

    @Override
    public Integer call() {
        ReportConfig settings = config == null ? ReportConfig.DEFAULT : ReportConfig.read(config);
        ReportService.Inputs inputs = artifacts == null ? new ReportService.Inputs(r -> null, settings)
                : ReportService.Inputs.artifacts(artifacts.toAbsolutePath(), settings);
        ReportService.Report report = ReportService.write(StatusFiles.read(from), output, inputs);
        var out = spec.commandLine().getOut();
        for (ReportRow row : report.rows()) {
            out.printf("%-40s %-16s %6s  accuracy %s  macro-F1 %s%n", row.model(), row.variant(), row.size(),
                    row.accuracy() == null ? "–" : row.accuracy().format(3),
                    row.macroF1() == null ? "–" : row.macroF1().format(3));
        }
        report.comparisonLines().forEach(line -> out.println("compared: " + line));
        out.printf("report: %s (report.md, report.html, %d files)%n", report.directory().resolve("report.md"), report.files().size());
        return ExitCodes.DONE;
    }
}

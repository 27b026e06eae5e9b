package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.validation.ValidationReport;
import dev.kubetune.runner.local.LocalRun;
import dev.kubetune.runner.report.ReportConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune run -f manifest.yaml}: the experiment on this machine, no cluster. */
@Command(name = "run", description = "Run FoldTraining and InferenceRun manifests on this machine as the operator would: "
        + "units as processes, dependencies honoured, status in the state dir, then the report.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOptions manifests;

    @Option(names = "--parallel", paramLabel = "N", description = "Units at once (default: what memory allows).")
    Integer parallel;

    @Option(names = "--volume", paramLabel = "NAME=PATH",
            description = "Where a volume is on this machine (repeatable; default: volumes/NAME beside the manifest).")
    List<String> volumes;

    @Option(names = "--state-dir", defaultValue = ".kubetune", paramLabel = "DIR",
            description = "Status, results and logs (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--force", description = "Run every unit again, even those whose results are in the state dir.")
    boolean force;

    @Option(names = "--report-config", paramLabel = "FILE",
            description = "The report's comparisons and bootstrap settings (default: every pair of arms sharing rows).")
    Path reportConfig;

    @Override
    public Integer call() throws InterruptedException {
        ValidationReport report = manifests.validate(System.in, spec.commandLine().getErr());
        if (!report.isValid()) {
            return ExitCodes.BAD_INPUT;
        }
        Path first = manifests.files.get(0);
        Path manifestDir = (first.toFile().isDirectory() ? first : first.toAbsolutePath().getParent()).toAbsolutePath();
        ReportConfig comparisons = reportConfig == null ? ReportConfig.DEFAULT : ReportConfig.read(reportConfig);
        try {
            return new LocalRun(KubetuneCommand.class, report.resources(), manifestDir, volumes, stateDir, parallel, force,
                    spec.commandLine().getOut()).withReportConfig(comparisons).execute();
        } catch (LocalRun.StateDirInUse e) {
            spec.commandLine().getErr().println("kubetune: " + e.getMessage());
            return ExitCodes.IN_USE;
        }
    }
}

package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.Problem;
import dev.kubetune.api.validation.ValidationReport;
import dev.kubetune.runner.manifest.ManifestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune validate -f FILE|DIR}: the operator's own checks, before anything is applied or run. */
@Command(name = "validate",
        description = "Check FoldTraining and InferenceRun manifests against the CRD schema, its CEL rules and "
                + "cross-resource references; print every problem with its field path.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "Manifest file, folder of manifests, or - for standard input (repeatable).")
    List<Path> files;

    @Option(names = {"-R", "--recursive"}, description = "Also read the folders' subfolders.")
    boolean recursive;

    @Override
    public Integer call() {
        ValidationReport report = ManifestValidator.validate(ManifestFiles.read(files, recursive, System.in));
        for (Problem problem : report.problems()) {
            spec.commandLine().getErr().println(problem);
        }
        if (!report.isValid()) {
            spec.commandLine().getErr().printf("%d problem(s) found%n", report.problems().size());
            return ExitCodes.BAD_INPUT;
        }
        report.resources().forEach(r -> spec.commandLine().getOut().printf("%s/%s valid%n",
                r.getKind(), r.getMetadata().getName()));
        return ExitCodes.DONE;
    }
}

package dev.kubetune.runner.cli;

import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.Problem;
import dev.kubetune.api.validation.ValidationReport;
import dev.kubetune.runner.manifest.ManifestFiles;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The manifest options commands share ({@code -f FILE|DIR}, {@code -R}) and reading and validating
 * what they name with the operator's validator, every problem printed on standard error.
 */
final class ManifestOptions {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "Manifest file, folder of manifests, or - for standard input (repeatable).")
    List<Path> files;

    @Option(names = {"-R", "--recursive"}, description = "Also read the folders' subfolders.")
    boolean recursive;

    /** Reads and validates the manifests; prints each problem and their count to {@code err}. */
    ValidationReport validate(InputStream stdin, PrintWriter err) {
        ValidationReport report = ManifestValidator.validate(ManifestFiles.read(files, recursive, stdin));
        for (Problem problem : report.problems()) {
            err.println(problem);
        }
        if (report.problems().size() > 1) {
            err.printf("%d problem(s) found%n", report.problems().size());
        }
        return report;
    }
}

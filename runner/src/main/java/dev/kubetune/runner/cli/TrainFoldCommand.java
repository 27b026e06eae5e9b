package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.unit.UnitRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubetune train-fold}: one fold of a FoldTraining, run by the same {@link UnitRunner} a pod's
 * {@code kubetune unit} uses (same result, reasons and exit codes), from a manifest and local folders.
 */
@Command(name = "train-fold", sortOptions = false,
        description = "Train and evaluate one fold of a FoldTraining: LoRA on the other folds, predictions and metrics "
                + "on this one; artifacts under <output volume>/<namespace>/<name>/fold-i/.")
final class TrainFoldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FoldSpecOptions options;

    @Option(names = "--fold", required = true, paramLabel = "I", description = "The fold to hold out, 0..k-1.")
    int fold;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Where the compact RunnerResult JSON goes "
            + "(default: " + RunnerResult.TERMINATION_LOG + " when it exists, else nowhere).")
    Path resultFile;

    @Override
    public Integer call() {
        if (fold < 0) {
            throw new BadInputException("--fold: must be 0 or more, not " + fold);
        }
        AtomicReference<FoldTraining> training = new AtomicReference<>();
        UnitRunner.Attempt attempt = UnitRunner.run(() -> {
            training.set(options.resource());
            return options.task(training.get());
        }, WorkUnit.fold(fold).name(), UnitCommand.resultFile(resultFile), spec.commandLine().getErr());
        if (attempt.exitCode() != ExitCodes.DONE) {
            return attempt.exitCode();
        }
        RunnerResult result = attempt.result();
        PrintWriter out = spec.commandLine().getOut();
        FoldTable.print(out, List.of(result), null, training.get().getSpec().getEvaluation().getMetrics());
        out.printf("adapter: %s (%d bytes)%n", result.adapterPath(), result.adapterBytes());
        out.flush();
        return ExitCodes.DONE;
    }
}

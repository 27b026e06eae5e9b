package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.plan.WorkUnit;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.kfold.FoldUnit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kubetune train-fold}: one fold of a FoldTraining, as its pod runs it. */
@Command(name = "train-fold", sortOptions = false,
        description = "Train and evaluate one fold of a FoldTraining: LoRA on the other folds, predictions and metrics "
                + "on this one; artifacts under <output volume>/<namespace>/<name>/fold-i/.")
final class TrainFoldCommand implements Callable<Integer> {

    static final Path TERMINATION_LOG = Path.of("/dev/termination-log");

    @Spec
    CommandSpec spec;

    @Mixin
    FoldSpecOptions options;

    @Option(names = "--fold", required = true, paramLabel = "I", description = "The fold to hold out, 0..k-1.")
    int fold;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Where the compact RunnerResult JSON goes "
            + "(default: /dev/termination-log when it exists, else nowhere).")
    Path resultFile;

    @Override
    public Integer call() {
        String unit = WorkUnit.fold(fold).name();
        RunnerResult result;
        FoldTraining training;
        try {
            training = options.resource();
            result = new FoldUnit().run(options.task(training), fold);
        } catch (BadInputException e) {
            writeResult(RunnerResult.failure(unit, "BadInput", e.getMessage()));
            throw e;
        } catch (RuntimeException | Error e) {
            writeResult(RunnerResult.failure(unit, "Failed", String.valueOf(e.getMessage())));
            throw e;
        }
        writeResult(result);
        PrintWriter out = spec.commandLine().getOut();
        FoldTable.print(out, java.util.List.of(result), null, training.getSpec().getEvaluation().getMetrics());
        out.printf("adapter: %s (%d bytes)%n", result.adapterPath(), result.adapterBytes());
        out.flush();
        return ExitCodes.DONE;
    }

    private void writeResult(RunnerResult result) {
        Path target = resultFile != null ? resultFile : Files.exists(TERMINATION_LOG) ? TERMINATION_LOG : null;
        if (target == null) {
            return;
        }
        try {
            Files.writeString(target, result.toBoundedJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(target, e);
        }
    }
}

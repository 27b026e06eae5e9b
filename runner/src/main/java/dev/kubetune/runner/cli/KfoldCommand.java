package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.runner.kfold.LocalKfold;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubetune kfold}: every fold of a FoldTraining here, in sequence, and the table over folds. */
@Command(name = "kfold", sortOptions = false,
        description = "Run all folds of a FoldTraining locally, one after the other, and print a per-fold table with "
                + "mean ± std; artifacts as the pods write them, plus <namespace>/<name>/summary.json.")
final class KfoldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FoldSpecOptions options;

    @Override
    public Integer call() {
        FoldTraining training = options.resource();
        RunnerTask task = options.task(training);
        long start = System.nanoTime();
        LocalKfold.Outcome outcome = LocalKfold.run(training, task);
        PrintWriter out = spec.commandLine().getOut();
        FoldTable.print(out, outcome.folds(), outcome.summary(), training.getSpec().getEvaluation().getMetrics());
        out.printf("%d folds in %.1f s · artifacts under %s/%s/%s%n", outcome.folds().size(),
                (System.nanoTime() - start) / 1e9, task.mountOf(training.getSpec().getOutput().getVolume()),
                task.namespace(), task.name());
        out.flush();
        return ExitCodes.DONE;
    }
}

package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.unit.UnitRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune unit}: what every pod runs (docs/runner-contract.md). */
@Command(name = "unit", description = "Run one work unit (fold-N, shard-N) of the task in the mounted ConfigMap and "
        + "write its RunnerResult to the termination-message file.")
final class UnitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final Path TERMINATION_LOG = Path.of(RunnerResult.TERMINATION_LOG);

    @Option(names = "--task", defaultValue = "/etc/kubetune/task.yaml", paramLabel = "FILE",
            description = "The task (default: ${DEFAULT-VALUE}).")
    Path task;

    @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "fold-N or shard-N.")
    String unit;

    @Option(names = "--result-file", paramLabel = "FILE",
            description = "Where the result goes (default: " + RunnerResult.TERMINATION_LOG + " when it exists).")
    Path resultFile;

    @Override
    public Integer call() {
        if (System.getenv("KUBETUNE_EXIT_WITH_PARENT") != null) {
            exitWhenStandardInputCloses();
        }
        Path result = resultFile(resultFile);
        return UnitRunner.run(() -> readTask(task), unit, result, spec.commandLine().getErr()).exitCode();
    }

    /**
     * Started by {@code kubetune run}, whose pipe is our standard input: when the run dies (even by kill -9)
     * the pipe closes and the unit ends too instead of running on unrecorded; its staged artifacts are
     * removed by the next run.
     */
    private static void exitWhenStandardInputCloses() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is the same end
            }
            System.err.println("kubetune: the kubetune run that started this unit is gone; stopping");
            Runtime.getRuntime().halt(dev.kubetune.api.contract.ExitCodes.INTERRUPTED);
        }, "kubetune-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** {@code chosen}, else the termination-message file when it exists (in a pod), else none. */
    static Path resultFile(Path chosen) {
        return chosen != null ? chosen : Files.exists(TERMINATION_LOG) ? TERMINATION_LOG : null;
    }

    static RunnerTask readTask(Path file) {
        try {
            return TaskYaml.read(Files.readString(file));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the task: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": not a task: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}

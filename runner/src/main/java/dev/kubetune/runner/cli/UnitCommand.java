package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.unit.UnitRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubetune unit}: what every pod runs (docs/runner-contract.md). */
@Command(name = "unit", description = "Run one work unit (fold-N, shard-N) of the task in the mounted ConfigMap and "
        + "write its RunnerResult to the termination-message file.")
final class UnitCommand implements Callable<Integer> {

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
        Path result = resultFile != null ? resultFile : Files.exists(TERMINATION_LOG) ? TERMINATION_LOG : null;
        return UnitRunner.run(readTask(task), unit, result, System.err).exitCode();
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

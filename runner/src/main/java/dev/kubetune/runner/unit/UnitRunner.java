package dev.kubetune.runner.unit;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.plan.PlanningException;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.EnvironmentFault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs one unit of a task the way the runner contract says: do the work, write the compact result
 * to the result file (the pod's termination message), and return the exit code — 0, 65 for bad input,
 * 1 for anything else (retryable).
 */
public final class UnitRunner {

    private UnitRunner() {
    }

    /** The outcome of one attempt: exit code and the result written (null when none could be). */
    public record Attempt(int exitCode, RunnerResult result) {
    }

    /**
     * Runs {@code unitName} of the task {@code task} gives (read inside, so a task that cannot be read is
     * bad input with its result written like any other), writing the result to {@code resultFile} (none when
     * null) and one line per failure to {@code err}.
     */
    public static Attempt run(Supplier<RunnerTask> readTask, String unitName, Path resultFile, PrintWriter err) {
        RunnerResult result;
        int code;
        try {
            WorkUnit unit = parseUnit(unitName);
            RunnerTask task = readTask.get();
            result = switch (unit.type()) {
                case SHARD -> {
                    requireKind(task, InferenceRun.KIND, unit);
                    yield ShardUnit.run(task, unit.index());
                }
                case FOLD -> {
                    requireKind(task, FoldTraining.KIND, unit);
                    yield FoldUnits.run(task, unit.index());
                }
            };
            code = ExitCodes.DONE;
        } catch (BadInputException | PlanningException e) {
            err.println("kubetune: " + e.getMessage());
            result = RunnerResult.failure(unitName, ConditionReason.BAD_INPUT, e.getMessage());
            code = ExitCodes.BAD_INPUT;
        } catch (RuntimeException | OutOfMemoryError e) {
            var fault = EnvironmentFault.of(e);
            if (fault.isPresent()) {
                err.println("kubetune: " + fault.get().line());
                result = RunnerResult.failure(unitName, fault.get().kind().reason, fault.get().line());
                code = ExitCodes.ENVIRONMENT;
            } else {
                err.println("kubetune: " + unitName + " failed: " + e);
                e.printStackTrace(err);
                result = RunnerResult.failure(unitName, "RunnerError", String.valueOf(e));
                code = 1;
            }
        }
        writeResult(resultFile, result, err);
        err.flush();
        return new Attempt(code, result);
    }

    private static WorkUnit parseUnit(String name) {
        try {
            return WorkUnit.parse(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--unit: " + e.getMessage());
        }
    }

    private static void requireKind(RunnerTask task, String kind, WorkUnit unit) {
        if (!kind.equals(task.kind())) {
            throw new BadInputException("unit " + unit + " does not belong to a " + task.kind());
        }
    }

    private static void writeResult(Path file, RunnerResult result, PrintWriter err) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, result.toBoundedJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("kubetune: cannot write the result to " + file + ": " + e.getMessage());
        }
    }
}

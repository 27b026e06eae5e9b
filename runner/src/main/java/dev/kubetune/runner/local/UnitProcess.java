package dev.kubetune.runner.local;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.runner.process.JvmOptions;
import dev.kubetune.runner.unit.UnitRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one unit in a JVM of its own, as a pod would: the runner's {@code unit} command on the task
 * file, its result read back from the result file. Memory (heap and native tensors) goes back to the
 * system when the process ends, and training's one-gradient-collector-per-JVM rule holds.
 */
final class UnitProcess {

    private UnitProcess() {
    }

    /** Set in a unit's environment: end when standard input (a pipe from the run) closes, as it does when the run dies. */
    static final String EXIT_WITH_PARENT = "KUBETUNE_EXIT_WITH_PARENT";

    /**
     * Runs {@code unit} of the task in {@code taskFile} through {@code runnerMain} (the runner's command line,
     * whose {@code unit} command a pod runs) in a JVM of its own.
     */
    static UnitRunner.Attempt run(Class<?> runnerMain, Path taskFile, String unit, Path resultFile, Path logFile,
                                  LiveUnits live) throws IOException, InterruptedException {
        Files.createDirectories(resultFile.getParent());
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(resultFile);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.inherited(System.getenv("KUBETUNE_UNIT_JAVA_OPTS")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), runnerMain.getName(),
                "unit", "--task", taskFile.toString(), "--unit", unit, "--result-file", resultFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().put(EXIT_WITH_PARENT, "1");
        Process process = builder.start();
        live.add(process);
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        } finally {
            live.remove(process);
        }
        RunnerResult result = null;
        if (Files.isRegularFile(resultFile) && Files.size(resultFile) > 0) {
            try {
                result = RunnerResult.fromJson(Files.readString(resultFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                result = null;
            }
        }
        return new UnitRunner.Attempt(code, result);
    }

    /** The last lines of a unit's log, for a failure message. */
    static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}

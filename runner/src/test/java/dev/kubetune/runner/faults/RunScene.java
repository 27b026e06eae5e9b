package dev.kubetune.runner.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.cli.KubetuneCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubetune run} of the scene's FoldTraining (two folds, one at a time), in this JVM or as a process
 * of its own (to kill it), and what it leaves: status, stored results, logs, artifacts.
 */
final class RunScene {

    /** The fold metrics that must not depend on how often a run was interrupted. */
    static final List<String> DETERMINISTIC = List.of("accuracy", "macro_f1", "train_loss", "rows");

    final Scene scene;

    RunScene(Scene scene) {
        this.scene = scene;
    }

    List<String> args() {
        return List.of("run", "-f", scene.path("ft.yaml").toString(), "--volume", "models=" + scene.dir,
                "--volume", "data=" + scene.dir, "--volume", "artifacts=" + scene.path("out"),
                "--state-dir", state().toString(), "--parallel", "1");
    }

    Path state() {
        return scene.path("state");
    }

    Scene.Outcome run() {
        return scene.kubetune(args().toArray(String[]::new));
    }

    /** {@code kubetune run} as a process of its own, its output in {@code run.log}. */
    Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), KubetuneCommand.class.getName()));
        command.addAll(args());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scene.path("run.log").toFile()).start();
    }

    /** {@link #start}, returning once fold-0 is recorded and fold-1 has started: mid-fold. */
    Process startUntilSecondFold() throws Exception {
        Process process = start();
        await(storedResult("fold-0"), process, 300);
        await(log("fold-1"), process, 60);
        return process;
    }

    Path storedResult(String unit) {
        return state().resolve("results/FoldTraining/notes/" + unit + ".json");
    }

    Path log(String unit) {
        return state().resolve("logs/FoldTraining-notes-" + unit + ".log");
    }

    Path unitDir(String unit) {
        return scene.path("out/lab/notes/" + unit);
    }

    /** Waits until {@code file} exists (a unit started or finished), failing after {@code seconds}. */
    static void await(Path file, Process process, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(file)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new AssertionError(file + " did not appear (run " + (process.isAlive() ? "still running" : "ended") + ")");
            }
            Thread.sleep(50);
        }
    }

    JsonNode status() throws IOException {
        return new YAMLMapper().readTree(state().resolve("FoldTraining/notes.status.yaml").toFile()).path("status");
    }

    /** Fold index → its deterministic metrics, from the status. */
    Map<Integer, Map<String, Double>> foldMetrics() throws IOException {
        Map<Integer, Map<String, Double>> folds = new LinkedHashMap<>();
        for (JsonNode fold : status().path("folds")) {
            Map<String, Double> m = new LinkedHashMap<>();
            DETERMINISTIC.forEach(k -> m.put(k, fold.path("metrics").path(k).asDouble(Double.NaN)));
            folds.put(fold.path("index").asInt(), m);
        }
        return folds;
    }
}

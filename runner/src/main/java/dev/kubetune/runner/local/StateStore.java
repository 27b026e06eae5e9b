package dev.kubetune.runner.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import dev.kubetune.runner.output.AtomicFileWriter;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local executor's state dir: each resource with its status as the operator would write it
 * ({@code <Kind>/<name>.status.yaml}), each finished unit's result with the hash of its inputs
 * ({@code results/...}, for resuming), the tasks and the units' logs.
 */
public final class StateStore {

    private static final ObjectMapper YAML = new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A finished unit as stored: the hash of its inputs and its result. */
    public record StoredResult(String inputsHash, RunnerResult result, java.util.Map<String, String> artifacts) {
    }

    /**
     * Makes the state dir ready for a run that holds its lock: a folder (bad input when the path is a file),
     * without the temporaries of killed runs.
     */
    public void prepare() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new dev.kubetune.runner.BadInputException("--state-dir " + root + ": is a file, not a folder");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(root, e);
        }
    }

    /** Removes what killed runs left half-written (the lock must be held). */
    public void removeStaleTemporaries() {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> dev.kubetune.runner.output.Temporaries.isTemporary(p.getFileName().toString())).toList()) {
                dev.kubetune.runner.output.Temporaries.deleteTree(p);
            }
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(root, e);
        }
    }

    public Path statusFile(CustomResource<?, ?> resource) {
        return root.resolve(resource.getKind()).resolve(resource.getMetadata().getName() + ".status.yaml");
    }

    public void writeStatus(CustomResource<?, ?> resource) {
        write(statusFile(resource), () -> YAML.writeValueAsString(resource));
    }

    public Path writeTask(RunnerTask task) {
        Path file = root.resolve("tasks").resolve(task.kind() + "-" + task.name() + ".yaml");
        write(file, () -> TaskYaml.write(task));
        return file;
    }

    public Path logFile(RunnerTask task, String unit) {
        return root.resolve("logs").resolve(task.kind() + "-" + task.name() + "-" + unit + ".log");
    }

    public Path resultFile(RunnerTask task, String unit) {
        return root.resolve("results").resolve(task.kind()).resolve(task.name()).resolve(unit + ".json");
    }

    /** Records a finished unit's result with the digests of its artifacts under {@code outputRoot}. */
    public void storeResult(RunnerTask task, String unit, String inputsHash, RunnerResult result, Path outputRoot) {
        StoredResult stored = new StoredResult(inputsHash, result, StoredArtifacts.digests(outputRoot, result));
        write(resultFile(task, unit), () -> YAML.writeValueAsString(stored));
    }

    /** A stored result, and why it cannot be reused (null when it can). */
    public record Reuse(RunnerResult result, String problem) {
    }

    /**
     * The stored result of a unit whose inputs have not changed since; {@link Reuse#problem} says why it
     * cannot be reused when its artifacts under {@code outputRoot} are missing or changed.
     */
    public Optional<Reuse> reusable(RunnerTask task, String unit, String inputsHash, Path outputRoot) {
        Path file = resultFile(task, unit);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            StoredResult stored = YAML.readValue(file.toFile(), StoredResult.class);
            if (stored.result() == null || !stored.result().succeeded() || !inputsHash.equals(stored.inputsHash())) {
                return Optional.empty();
            }
            return Optional.of(new Reuse(stored.result(),
                    StoredArtifacts.problem(outputRoot, stored.result(), stored.artifacts()).orElse(null)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private interface Text {
        String get() throws IOException;
    }

    private static void write(Path file, Text text) {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = text.get().getBytes(StandardCharsets.UTF_8);
            AtomicFileWriter.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(file, e);
        }
    }
}

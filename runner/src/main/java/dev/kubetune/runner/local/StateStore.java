package dev.kubetune.runner.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import dev.kubetune.runner.output.AtomicFileWriter;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public record StoredResult(String inputsHash, RunnerResult result) {
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

    public void storeResult(RunnerTask task, String unit, String inputsHash, RunnerResult result) {
        write(resultFile(task, unit), () -> YAML.writeValueAsString(new StoredResult(inputsHash, result)));
    }

    /** The stored result of a unit whose inputs have not changed since. */
    public Optional<RunnerResult> reusable(RunnerTask task, String unit, String inputsHash) {
        Path file = resultFile(task, unit);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            StoredResult stored = YAML.readValue(file.toFile(), StoredResult.class);
            return stored.result() != null && stored.result().succeeded() && inputsHash.equals(stored.inputsHash())
                    ? Optional.of(stored.result()) : Optional.empty();
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
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.kubetune.operator.testing;

import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.job.TaskYaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a pod's runner for real, as the kubelet would run its container: the task from the pod's
 * ConfigMap ({@code task.yaml}) with its volume mounts pointed at local folders, the pod's
 * {@code unit} command in a JVM of its own on the runner's jar and its {@code lib/} (built by the
 * runner module's {@code package}), the result file read back as the termination message.
 */
public final class RunnerProcess {

    /** The runner's jar; its folder holds {@code lib/} with the runtime dependencies. */
    public static final Path RUNNER_JAR = Path.of(System.getProperty("kubetune.runner.jar",
            "../runner/target/kubetune-runner.jar")).toAbsolutePath().normalize();

    /** What the container ended with. */
    public record Termination(int exitCode, String message) {
    }

    private final KubernetesClient client;
    private final Map<String, Path> volumes;
    private final Path work;

    /**
     * @param volumes volume name → local folder standing in for it
     * @param work    a folder for task files, result files and logs
     */
    public RunnerProcess(KubernetesClient client, Map<String, Path> volumes, Path work) {
        this.client = client;
        this.volumes = Map.copyOf(volumes);
        this.work = work;
    }

    /** Whether the runner has been packaged ({@code ./mvnw -pl runner -am package}). */
    public static boolean available() {
        return Files.isRegularFile(RUNNER_JAR) && Files.isDirectory(RUNNER_JAR.resolveSibling("lib"));
    }

    /** Runs the runner container of {@code pod} ({@code index}: its completion index, or null) to its end. */
    public Termination run(Pod pod, String index) {
        Container container = pod.getSpec().getContainers().get(0);
        List<String> args = new ArrayList<>(container.getArgs());
        String unit = args.get(args.indexOf("--unit") + 1).replace("$(JOB_COMPLETION_INDEX)", String.valueOf(index));
        String id = pod.getMetadata().getName();
        try {
            Path task = work.resolve(id + "-task.yaml");
            Path result = work.resolve(id + "-result.json");
            Path log = work.resolve(id + ".log");
            Files.createDirectories(work);
            Files.writeString(task, TaskYaml.write(localTask(pod)));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath(), "dev.kubetune.runner.cli.KubetuneCommand",
                    "unit", "--task", task.toString(), "--unit", unit, "--result-file", result.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            int code = process.waitFor();
            String message = Files.isRegularFile(result) ? Files.readString(result, StandardCharsets.UTF_8)
                    : tail(log);
            return new Termination(code, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Termination(137, "interrupted");
        }
    }

    private RunnerTask localTask(Pod pod) {
        String configMap = pod.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .map(Volume::getConfigMap).findFirst().orElseThrow().getName();
        ConfigMap cm = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(configMap).get();
        RunnerTask task = TaskYaml.read(cm.getData().get(RunnerTask.FILE_NAME));
        Map<String, String> mounts = new java.util.TreeMap<>();
        task.volumeMounts().keySet().forEach(name -> mounts.put(name, volumes.get(name).toString()));
        return new RunnerTask(task.kind(), task.namespace(), task.name(), task.generation(), task.foldTraining(),
                task.inferenceRun(), mounts, task.resolvedAdapter());
    }

    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(RUNNER_JAR.toString());
        try (Stream<Path> lib = Files.list(RUNNER_JAR.resolveSibling("lib"))) {
            lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}

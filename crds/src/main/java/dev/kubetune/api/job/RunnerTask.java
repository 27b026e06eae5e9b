package dev.kubetune.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import java.util.Map;
import java.util.Objects;

/**
 * What a runner needs to run any unit of one resource: the resource's identity and spec, where each
 * named volume is mounted, and, for an InferenceRun whose adapter comes from a FoldTraining, the
 * adapter folder the operator resolved. The operator writes it as {@code task.yaml} into the
 * ConfigMap mounted at {@code /etc/kubetune}; the pod's {@code --unit} argument names the unit.
 *
 * @param kind            FoldTraining or InferenceRun
 * @param namespace       the resource's namespace (part of the artifact paths)
 * @param name            the resource's name
 * @param generation      the spec generation the task was made from
 * @param foldTraining    the spec, when kind is FoldTraining
 * @param inferenceRun    the spec, when kind is InferenceRun
 * @param volumeMounts    volume name → absolute folder where it is mounted (or, locally, found)
 * @param resolvedAdapter for adapter.fromFoldTraining: the adapter folder, relative to the output volume
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunnerTask(
        String kind,
        String namespace,
        String name,
        long generation,
        FoldTrainingSpec foldTraining,
        InferenceRunSpec inferenceRun,
        Map<String, String> volumeMounts,
        String resolvedAdapter) {

    /** The file name of the task inside the mounted ConfigMap. */
    public static final String FILE_NAME = "task.yaml";
    /** Where pods find the ConfigMap. */
    public static final String MOUNT_PATH = "/etc/kubetune";

    public RunnerTask {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if ((foldTraining == null) == (inferenceRun == null)) {
            throw new IllegalArgumentException("a task holds exactly one of foldTraining or inferenceRun");
        }
        volumeMounts = volumeMounts == null ? Map.of() : Map.copyOf(volumeMounts);
    }

    /** The folder where volume {@code volume} is mounted; IllegalArgumentException naming it when unknown. */
    public String mountOf(String volume) {
        String path = volumeMounts.get(volume);
        if (path == null) {
            throw new IllegalArgumentException("volume '" + volume + "' is not mounted (known: "
                    + String.join(", ", new java.util.TreeSet<>(volumeMounts.keySet())) + ")");
        }
        return path;
    }
}

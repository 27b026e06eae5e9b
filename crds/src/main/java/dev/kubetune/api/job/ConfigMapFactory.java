package dev.kubetune.api.job;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.ExperimentSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-task} of a resource: its {@link RunnerTask} as {@code task.yaml}, mounted
 * by every pod of the resource at {@code /etc/kubetune}, owned by the resource.
 */
public final class ConfigMapFactory {

    private ConfigMapFactory() {
    }

    /**
     * The task of {@code resource}.
     *
     * @param resolvedAdapter for an InferenceRun with adapter.fromFoldTraining, the adapter folder
     *                        relative to the output volume; null otherwise or while unresolved
     */
    public static RunnerTask task(CustomResource<?, ?> resource, String resolvedAdapter) {
        ExperimentSpec spec = (ExperimentSpec) resource.getSpec();
        Long generation = resource.getMetadata().getGeneration();
        return new RunnerTask(
                resource.getKind(),
                ChildMetadata.namespace(resource),
                resource.getMetadata().getName(),
                generation == null ? 0 : generation,
                resource instanceof FoldTraining ft ? ft.getSpec() : null,
                resource instanceof InferenceRun ir ? ir.getSpec() : null,
                RunnerVolumes.mountPaths(spec),
                resolvedAdapter);
    }

    /** The ConfigMap holding {@link #task}'s YAML. */
    public static ConfigMap configMap(CustomResource<?, ?> resource, String resolvedAdapter) {
        ObjectMeta meta = ChildMetadata.of(resource, KubeNames.configMap(resource.getMetadata().getName()),
                Map.of(), Map.of());
        return new ConfigMapBuilder()
                .withMetadata(meta)
                .addToData(RunnerTask.FILE_NAME, TaskYaml.write(task(resource, resolvedAdapter)))
                .build();
    }
}

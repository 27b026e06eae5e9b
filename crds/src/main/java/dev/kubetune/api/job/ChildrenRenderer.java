package dev.kubetune.api.job;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.AdapterSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The children the operator would create for resources, without a cluster: per resource its task
 * ConfigMap, then its Jobs. An InferenceRun whose adapter comes from a FoldTraining cannot be resolved
 * offline: it is rendered with no resolved adapter and a {@code kubetune.dev/waiting-for} annotation
 * naming that FoldTraining.
 */
public final class ChildrenRenderer {

    private ChildrenRenderer() {
    }

    /** The children of one resource. */
    public record Children(CustomResource<?, ?> owner, ConfigMap configMap, List<Job> jobs) {

        public Children {
            jobs = List.copyOf(jobs);
        }

        /** The ConfigMap, then the Jobs. */
        public List<HasMetadata> objects() {
            List<HasMetadata> all = new ArrayList<>();
            all.add(configMap);
            all.addAll(jobs);
            return all;
        }
    }

    /** The children of each resource, in the order given. */
    public static List<Children> render(List<? extends CustomResource<?, ?>> resources, JobDefaults defaults) {
        List<Children> out = new ArrayList<>();
        for (CustomResource<?, ?> resource : resources) {
            out.add(render(resource, defaults));
        }
        return out;
    }

    /** The children of one FoldTraining or InferenceRun. */
    public static Children render(CustomResource<?, ?> resource, JobDefaults defaults) {
        if (!(resource instanceof FoldTraining) && !(resource instanceof InferenceRun)) {
            throw new IllegalArgumentException("no children for kind " + resource.getKind());
        }
        ConfigMap configMap = ConfigMapFactory.configMap(resource, null);
        List<Job> jobs = JobFactory.jobs(resource, null, defaults);
        String waitingFor = waitingFor(resource);
        if (waitingFor != null) {
            annotate(configMap, waitingFor);
            jobs.forEach(job -> annotate(job, waitingFor));
        }
        return new Children(resource, configMap, jobs);
    }

    /** {@code FoldTraining/<name>} when the resource's adapter is a fold of that FoldTraining; else null. */
    public static String waitingFor(CustomResource<?, ?> resource) {
        if (resource instanceof InferenceRun run) {
            AdapterSpec adapter = run.getSpec().getAdapter();
            if (adapter != null && adapter.getFromFoldTraining() != null) {
                return FoldTraining.KIND + "/" + adapter.getFromFoldTraining().getName();
            }
        }
        return null;
    }

    private static void annotate(HasMetadata child, String waitingFor) {
        var annotations = child.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<String, String>() : new LinkedHashMap<>(child.getMetadata().getAnnotations());
        annotations.put(ChildMetadata.ANNOTATION_WAITING_FOR, waitingFor);
        child.getMetadata().setAnnotations(annotations);
    }
}

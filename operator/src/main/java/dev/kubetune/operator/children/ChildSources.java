package dev.kubetune.operator.children;

import dev.kubetune.api.Kubetune;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Set;

/**
 * The informers that watch a kind's Jobs, their pods and the task ConfigMaps (label
 * {@code kubetune.dev/kind}), mapped back to the owning resource: Jobs and ConfigMaps by owner reference, pods by the {@code kubetune.dev/name} label
 * the Job builder puts on the pod template. Their caches keep only what the reconcilers read
 * (metadata without managed fields, a Job's spec without its pod template, a pod's status): with
 * thousands of Jobs and pods the pod specs would be most of the operator's heap.
 */
public final class ChildSources {

    private ChildSources() {
    }

    public static <P extends HasMetadata> InformerEventSource<Job, P> jobs(EventSourceContext<P> context, String kind) {
        var config = InformerEventSourceConfiguration.from(Job.class, context.getPrimaryResourceClass())
                .withName(kind + "-jobs")
                .withLabelSelector(Kubetune.LABEL_KIND + "=" + kind)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(context.getPrimaryResourceClass()))
                .withItemStore(new TransformingItemStore<>(ChildSources::pruned))
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** The task ConfigMaps of a kind's resources, by owner reference: read from the cache instead of a GET per reconciliation. */
    public static <P extends HasMetadata> InformerEventSource<ConfigMap, P> configMaps(EventSourceContext<P> context,
                                                                                       String kind) {
        var config = InformerEventSourceConfiguration.from(ConfigMap.class, context.getPrimaryResourceClass())
                .withName(kind + "-configmaps")
                .withLabelSelector(Kubetune.LABEL_KIND + "=" + kind)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(context.getPrimaryResourceClass()))
                .build();
        return new InformerEventSource<>(config, context);
    }

    public static <P extends HasMetadata> InformerEventSource<Pod, P> pods(EventSourceContext<P> context, String kind) {
        var config = InformerEventSourceConfiguration.from(Pod.class, context.getPrimaryResourceClass())
                .withName(kind + "-pods")
                .withLabelSelector(Kubetune.LABEL_KIND + "=" + kind)
                .withSecondaryToPrimaryMapper((Pod pod) -> {
                    String name = pod.getMetadata().getLabels() == null ? null
                            : pod.getMetadata().getLabels().get(Kubetune.LABEL_NAME);
                    return name == null ? Set.of() : Set.of(new ResourceID(name, pod.getMetadata().getNamespace()));
                })
                .withItemStore(new TransformingItemStore<>(ChildSources::pruned))
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** {@code job} as cached: without managed fields and pod template (a copy; the watched object is left alone). */
    static Job pruned(Job job) {
        Job copy = new JobBuilder(job).build();
        copy.getMetadata().setManagedFields(null);
        if (copy.getSpec() != null) {
            copy.getSpec().setTemplate(null);
        }
        return copy;
    }

    /** {@code pod} as cached: its metadata without managed fields, and its status. */
    static Pod pruned(Pod pod) {
        Pod copy = new PodBuilder(pod).withSpec(null).build();
        copy.getMetadata().setManagedFields(null);
        return copy;
    }
}

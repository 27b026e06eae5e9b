package dev.kubetune.api.job;

import dev.kubetune.api.Kubetune;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels, annotations and the owner reference every child object (ConfigMap, Job) of a resource carries. */
public final class ChildMetadata {

    public static final String LABEL_APP_NAME = "app.kubernetes.io/name";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    /** Kueue's LocalQueue label; a Job with it is admitted (unsuspended) by Kueue. */
    public static final String LABEL_KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";
    /** SHA-256 of the spec parts a unit's result depends on; a finished unit with another hash is stale. */
    public static final String ANNOTATION_INPUTS_HASH = Kubetune.GROUP + "/inputs-hash";
    /**
     * On a Job: the names of its pods the operator has seen, comma-separated, so that a pod deleted since
     * (evicted, or deleted by hand, which Kubernetes before 1.26 does not count as failed) still counts
     * as an attempt.
     */
    public static final String ANNOTATION_PODS_SEEN = Kubetune.GROUP + "/pods-seen";
    /** On the children of an InferenceRun whose adapter is a FoldTraining's fold not yet resolved. */
    public static final String ANNOTATION_WAITING_FOR = Kubetune.GROUP + "/waiting-for";

    public static final String APP = "kubetune";
    public static final String COMPONENT = "runner";
    public static final String MANAGER = "kubetune-operator";

    private ChildMetadata() {
    }

    /** Metadata of a child named {@code name} in the resource's namespace, owned by it. */
    public static ObjectMeta of(HasMetadata owner, String name, Map<String, String> extraLabels,
                                Map<String, String> annotations) {
        Map<String, String> labels = labels(owner);
        labels.putAll(extraLabels);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace(owner))
                .withLabels(labels)
                .withAnnotations(annotations.isEmpty() ? null : new LinkedHashMap<>(annotations))
                .withOwnerReferences(ownerReference(owner))
                .build();
    }

    /** The labels shared by all children of {@code owner} (selects them all). */
    public static Map<String, String> labels(HasMetadata owner) {
        String instance = KubeNames.safe(owner.getMetadata().getName());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_APP_NAME, APP);
        labels.put(LABEL_COMPONENT, COMPONENT);
        labels.put(LABEL_MANAGED_BY, MANAGER);
        labels.put(LABEL_INSTANCE, instance);
        labels.put(Kubetune.LABEL_NAME, instance);
        labels.put(Kubetune.LABEL_KIND, owner.getKind());
        return labels;
    }

    /** A controller reference to {@code owner}; its uid is empty when the resource has none (rendered offline). */
    public static OwnerReference ownerReference(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        return new OwnerReferenceBuilder()
                .withApiVersion(Kubetune.API_VERSION)
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(uid == null ? "" : uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** The resource's namespace, {@code default} when unset. */
    public static String namespace(HasMetadata owner) {
        String ns = owner.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }
}

package dev.kubetune.operator.children;

import dev.kubetune.api.job.ChildMetadata;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ResourceOperations;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;

/**
 * Writes the children that the Job builder made, idempotently: a ConfigMap is created or brought back
 * to the wanted data; a Job is created when missing and otherwise left alone (its pod template is
 * immutable), except for {@code spec.suspend}; a Job made from other inputs is deleted (foreground, so
 * its pods go first) and made again once it is gone. Job creations go through JOSDK's resource operations, so
 * the Job informer's cache sees them at once (the next reconciliation does not act on a stale Job).
 */
public final class ChildWriter {

    private final Context<?> context;
    private final KubernetesClient client;
    private final ResourceOperations<?> operations;
    /** The Jobs as this writer last patched them: a second patch in the same reconciliation starts from there. */
    private final Map<String, Job> patched = new java.util.HashMap<>();

    public ChildWriter(Context<?> context) {
        this.context = context;
        this.client = context.getClient();
        this.operations = context.resourceOperations();
    }

    /**
     * Creates {@code wanted} or updates its data when it differs from the ConfigMap in the informer's cache
     * ({@link ChildSources#configMaps}); returns whether anything was written.
     */
    public boolean ensureConfigMap(ConfigMap wanted) {
        ConfigMap existing = context.getSecondaryResource(ConfigMap.class).orElse(null);
        if (existing == null) {
            return createIgnoringConflict(() -> operations.create(wanted));
        }
        if (Objects.equals(existing.getData(), wanted.getData())) {
            return false;
        }
        operations.jsonPatch(existing, c -> {
            c.setData(wanted.getData());
            return c;
        });
        return true;
    }

    /**
     * What became of a Job creation.
     *
     * @param created  whether this call created it (false: a Job of that name exists, or it was refused)
     * @param refusal  the API server's message when it refused the Job (quota, admission, validation), else null
     */
    public record JobCreation(boolean created, String refusal) {
    }

    /**
     * Creates {@code job} unless a Job of that name exists. A refusal by the API server (403 quota or
     * admission, 400/422 invalid; not 409, 429 or 5xx, which are retried) comes back with the server's
     * message, so that the status can say why no pod starts.
     */
    public JobCreation createJob(Job job) {
        try {
            return new JobCreation(createIgnoringConflict(() -> operations.create(job)), null);
        } catch (KubernetesClientException e) {
            if (!refused(e.getCode())) {
                throw e;
            }
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            return new JobCreation(false, "Job " + job.getMetadata().getName() + ": " + message);
        }
    }

    static boolean refused(int code) {
        return code == HttpURLConnection.HTTP_BAD_REQUEST || code == HttpURLConnection.HTTP_FORBIDDEN
                || code == 422;
    }

    /**
     * Deletes {@code job} with foreground propagation: the Job object stays (with a deletion
     * timestamp) until the garbage collector has removed its pods, so its replacement, which has the
     * same name, cannot start while an old pod still writes to the unit's folder. A Job already gone
     * is fine.
     */
    public void deleteJob(Job job) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    }

    /**
     * Ends an unfinished Job at once, for a server without {@code podFailurePolicy} whose pod exited with
     * the bad-input code: its active deadline set to one second (it ran longer already) makes the Job
     * controller kill its pods and mark it Failed (DeadlineExceeded) instead of retrying. Returns whether
     * it patched (a finished Job, or one already ended this way, is left alone).
     */
    public boolean endJob(Job job) {
        if (Long.valueOf(1).equals(job.getSpec().getActiveDeadlineSeconds())) {
            return false;
        }
        return patchJob(job, j -> {
            j.getSpec().setActiveDeadlineSeconds(1L);
            return j;
        });
    }

    /**
     * Records on the Job the names of its pods seen so far ({@link ChildMetadata#ANNOTATION_PODS_SEEN}), when
     * that adds one; returns whether it patched.
     */
    public boolean recordPodsSeen(Job job, SortedSet<String> seen) {
        String value = String.join(",", seen);
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String recorded = annotations == null ? null : annotations.get(ChildMetadata.ANNOTATION_PODS_SEEN);
        if (seen.isEmpty() || value.equals(recorded)) {
            return false;
        }
        return patchJob(job, j -> {
            if (j.getMetadata().getAnnotations() == null) {
                j.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
            }
            j.getMetadata().getAnnotations().put(ChildMetadata.ANNOTATION_PODS_SEEN, value);
            return j;
        });
    }

    /** Sets the Job's {@code spec.suspend}; returns whether it changed. */
    public boolean suspend(Job job, boolean suspend) {
        if (!suspendChanges(job, suspend)) {
            return false;
        }
        return patchJob(job, j -> {
            j.getSpec().setSuspend(suspend);
            return j;
        });
    }

    /**
     * Whether setting {@code spec.suspend} to {@code suspend} changes the Job. An absent field means not
     * suspended (the API's default): a server that drops the field (Kubernetes 1.20) would otherwise get a
     * patch on every reconciliation, each racing the Job controller's status updates (409 Conflict).
     */
    static boolean suspendChanges(Job job, boolean suspend) {
        return Boolean.TRUE.equals(job.getSpec().getSuspend()) != suspend;
    }

    /**
     * Patches {@code job} as the informer's cache has it (its resourceVersion makes the patch optimistic);
     * returns whether it was written. A Job this writer patched before starts from that result, so that two
     * patches of one reconciliation (pods seen, then the deadline) do not conflict. A Job gone meanwhile (404)
     * is left alone: its deletion is an event that brings the next reconciliation. A Job changed meanwhile
     * (409) fails the reconciliation, which JOSDK retries on the fresh Job: ignoring it would be wrong, since JOSDK filters out the events of the
     * operator's own writes, so a conflict with its own earlier patch would bring no new reconciliation.
     */
    private boolean patchJob(Job job, java.util.function.UnaryOperator<Job> change) {
        Job base = patched.getOrDefault(job.getMetadata().getName(), job);
        try {
            patched.put(job.getMetadata().getName(), operations.jsonPatch(base, change));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static boolean createIgnoringConflict(Runnable create) {
        try {
            create.run();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }
}

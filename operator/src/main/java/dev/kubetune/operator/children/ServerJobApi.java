package dev.kubetune.operator.children;

import dev.kubetune.api.job.JobApiFeatures;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Job fields the API server behind a client knows ({@link JobApiFeatures}), read from its
 * {@code /version} once per client (the operator has one) and logged once when it lacks any, with what
 * kubetune does instead. A server whose version cannot be read counts as current.
 */
public final class ServerJobApi {

    private static final Logger LOG = Logger.getLogger(ServerJobApi.class.getName());
    private static final Map<KubernetesClient, JobApiFeatures> KNOWN = new WeakHashMap<>();

    private ServerJobApi() {
    }

    public static JobApiFeatures features(KubernetesClient client) {
        synchronized (KNOWN) {
            return KNOWN.computeIfAbsent(client, ServerJobApi::read);
        }
    }

    private static JobApiFeatures read(KubernetesClient client) {
        VersionInfo version;
        try {
            version = client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            LOG.log(Level.WARNING, "could not read the API server's version (" + e.getMessage()
                    + "); building Jobs for a current server");
            return JobApiFeatures.ALL;
        }
        if (version == null) {
            return JobApiFeatures.ALL;
        }
        JobApiFeatures features = JobApiFeatures.of(version.getMajor(), version.getMinor());
        if (!features.fallbacks().isEmpty()) {
            LOG.warning("Kubernetes " + version.getGitVersion() + ": " + String.join("; ", features.fallbacks()));
        }
        return features;
    }

    /**
     * Says in {@code conditions} (QueueIgnored, NoJobSuspend) that the resource names a Kueue queue this
     * server cannot honour (no Job {@code spec.suspend}, so its Jobs start without Kueue's admission);
     * removes that condition otherwise.
     */
    public static void queueCondition(List<Condition> conditions, ExperimentSpec spec, JobDefaults defaults,
                                      Long generation, Instant now) {
        String queue = spec.getScheduling() == null ? null : spec.getScheduling().getQueueName();
        if (queue == null || queue.isEmpty() || !defaults.kueueEnabled() || defaults.features().jobSuspend()) {
            conditions.removeIf(c -> ConditionType.QUEUE_IGNORED.equals(c.getType()));
            return;
        }
        Conditions.set(conditions, ConditionType.QUEUE_IGNORED, true, ConditionReason.NO_JOB_SUSPEND,
                "this API server has no Job spec.suspend, so Kueue cannot admit Jobs: queue " + queue
                        + " is not used and the Jobs start at once", generation, now);
    }
}

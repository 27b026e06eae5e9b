package dev.kubetune.operator.children;

import dev.kubetune.api.job.ChildMetadata;
import dev.kubetune.operator.harvest.JobHarvester;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.Optional;

/** The {@code spec.suspend} an existing Job of either kind should have (pure). */
public final class JobSuspension {

    private JobSuspension() {
    }

    /**
     * The {@code spec.suspend} an unfinished Job should have: true while the resource is suspended;
     * otherwise false, except that a Job queued through Kueue is left for Kueue to admit (empty).
     */
    public static Optional<Boolean> wanted(Job job, boolean suspend) {
        if (JobHarvester.isFinished(job)) {
            return Optional.empty();
        }
        if (suspend) {
            return Optional.of(true);
        }
        Map<String, String> labels = job.getMetadata().getLabels();
        boolean kueue = labels != null && labels.containsKey(ChildMetadata.LABEL_KUEUE_QUEUE);
        return kueue ? Optional.empty() : Optional.of(false);
    }
}

package dev.kubetune.operator.children;

import dev.kubetune.api.job.ChildMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;

/**
 * Whether a Job was made from the spec as it is now (pure): its {@code kubetune.dev/inputs-hash}
 * annotation against the hash the Job builder gives for the current spec. A Job without the
 * annotation (made by hand, or by an older operator) counts as stale.
 */
public final class InputsCheck {

    private InputsCheck() {
    }

    /** The Job's inputs hash, null when it has none. */
    public static String inputsHash(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ChildMetadata.ANNOTATION_INPUTS_HASH);
    }

    /** Whether {@code job} was made from other inputs than those hashing to {@code wanted}. */
    public static boolean stale(Job job, String wanted) {
        return !wanted.equals(inputsHash(job));
    }
}

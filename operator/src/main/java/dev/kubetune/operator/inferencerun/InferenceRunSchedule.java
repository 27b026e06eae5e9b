package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.operator.children.InputsCheck;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Whether an InferenceRun's Jobs are stale, which adapter they run with, and whether to create them (pure). */
public final class InferenceRunSchedule {

    private InferenceRunSchedule() {
    }

    /**
     * Whether the Job of {@code unit} (the shards Job, or one shard's) has an inputs hash that is neither the
     * current spec's with the adapter it was made with (as recorded in status) nor with the adapter that
     * resolves now ({@code resolved}): then it is replaced, finished or not, as a new generation asks for new results.
     */
    public static boolean stale(InferenceRunSpec spec, String unit, Job job, String recordedAdapter,
                                AdapterResolution resolved) {
        String hash = InputsCheck.inputsHash(job);
        if (Objects.equals(hash, InputsHash.of(spec, unit, recordedAdapter))) {
            return false;
        }
        return resolved.waiting() || !Objects.equals(hash, InputsHash.of(spec, unit, resolved.adapterPath()));
    }

    /** The adapter to run with: existing Jobs keep the one they were made with; new ones take what resolves now. */
    public static AdapterResolution adapter(boolean jobExists, String recordedAdapter, AdapterResolution resolved) {
        return jobExists && recordedAdapter != null ? new AdapterResolution(recordedAdapter, null) : resolved;
    }

    /**
     * Whether a Job's {@code shards}, its Job gone, keep their harvested status: every one of them is among
     * the {@code harvested} (succeeded in a status of the current generation), so it is not run again.
     */
    public static boolean harvested(List<Integer> shards, Set<Integer> harvested) {
        return harvested.containsAll(shards);
    }

    /** Whether missing Jobs may be created now: the adapter is known, the run is not suspended and no shard failed. */
    public static boolean mayCreate(AdapterResolution adapter, boolean suspend, boolean failed) {
        return !adapter.waiting() && !suspend && !failed;
    }
}

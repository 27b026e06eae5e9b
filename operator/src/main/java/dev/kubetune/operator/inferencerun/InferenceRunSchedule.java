package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.status.Phase;
import dev.kubetune.operator.children.InputsCheck;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Objects;

/** Whether an InferenceRun's Job is stale, which adapter it runs with, and whether to create it (pure). */
public final class InferenceRunSchedule {

    private InferenceRunSchedule() {
    }

    /**
     * Whether the Job's inputs hash is neither the current spec's with the adapter it was made with (as
     * recorded in status) nor with the adapter that resolves now ({@code resolved}): then it is replaced,
     * finished or not, as a new generation asks for new results.
     */
    public static boolean stale(InferenceRunSpec spec, Job job, String recordedAdapter, AdapterResolution resolved) {
        String hash = InputsCheck.inputsHash(job);
        if (Objects.equals(hash, InputsHash.of(spec, JobFactory.SHARDS_UNIT, recordedAdapter))) {
            return false;
        }
        return resolved.waiting() || !Objects.equals(hash, InputsHash.of(spec, JobFactory.SHARDS_UNIT,
                resolved.adapterPath()));
    }

    /** The adapter to run with: an existing Job keeps the one it was made with; a new one takes what resolves now. */
    public static AdapterResolution adapter(boolean jobExists, String recordedAdapter, AdapterResolution resolved) {
        return jobExists && recordedAdapter != null ? new AdapterResolution(recordedAdapter, null) : resolved;
    }

    /**
     * Whether the run's status keeps its harvested shards though it has no Job: it succeeded, and its
     * status is of the current generation (status holds no inputs hash to compare), so it is not run again.
     */
    public static boolean harvested(InferenceRun run, boolean jobExists) {
        return !jobExists && run.getStatus() != null && run.getStatus().getPhase() == Phase.Succeeded
                && Objects.equals(run.getStatus().getObservedGeneration(), run.getMetadata().getGeneration());
    }

    /** Whether to create the Job now: none exists, the run is not harvested, its adapter is known and it is not suspended. */
    public static boolean create(boolean jobExists, boolean harvested, AdapterResolution adapter, boolean suspend) {
        return !jobExists && !harvested && !adapter.waiting() && !suspend;
    }
}

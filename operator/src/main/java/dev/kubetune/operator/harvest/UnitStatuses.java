package dev.kubetune.operator.harvest;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.ExperimentStatus;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitResults;
import dev.kubetune.api.status.UnitStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Status entries (folds[i], shards[j]) from observations, through the shared {@link UnitResults} mapping (pure). */
public final class UnitStatuses {

    private UnitStatuses() {
    }

    /**
     * The succeeded units of {@code units} (from {@code status}) by index, while the status is of
     * {@code generation}. Status does not hold a unit's inputs hash, so once the spec changed a
     * succeeded unit whose Job was deleted cannot be shown to be current and is run again (a unit with
     * its Job is judged by the Job's hash).
     */
    public static <T extends UnitStatus> Map<Integer, T> succeeded(ExperimentStatus status, List<T> units,
                                                                   Long generation) {
        Map<Integer, T> succeeded = new TreeMap<>();
        if (status != null && Objects.equals(status.getObservedGeneration(), generation)) {
            units.stream().filter(u -> u.getPhase() == UnitPhase.Succeeded).forEach(u -> succeeded.put(u.getIndex(), u));
        }
        return succeeded;
    }

    public static FoldStatus fold(UnitObservation o) {
        return UnitResults.status(new FoldStatus(), o.outcome());
    }

    public static ShardStatus shard(UnitObservation o) {
        return UnitResults.status(new ShardStatus(), o.outcome());
    }
}

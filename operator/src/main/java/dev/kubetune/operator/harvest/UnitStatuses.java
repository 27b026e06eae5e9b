package dev.kubetune.operator.harvest;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.UnitResults;

/** Status entries (folds[i], shards[j]) from observations, through the shared {@link UnitResults} mapping (pure). */
public final class UnitStatuses {

    private UnitStatuses() {
    }

    public static FoldStatus fold(UnitObservation o) {
        return UnitResults.status(new FoldStatus(), o.outcome());
    }

    public static ShardStatus shard(UnitObservation o) {
        return UnitResults.status(new ShardStatus(), o.outcome());
    }
}

package dev.kubetune.operator.harvest;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitStatus;
import dev.kubetune.api.status.ExperimentStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Status entries (folds[i], shards[j]) from observations (pure). */
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
        FoldStatus fold = common(new FoldStatus(), o);
        RunnerResult r = o.result();
        if (r != null && o.phase() == UnitPhase.Succeeded) {
            fold.recordArtifacts(r);
        }
        return fold;
    }

    public static ShardStatus shard(UnitObservation o) {
        ShardStatus shard = common(new ShardStatus(), o);
        RunnerResult r = o.result();
        if (r != null && o.phase() == UnitPhase.Succeeded) {
            shard.recordArtifacts(r);
        }
        return shard;
    }

    private static <T extends UnitStatus> T common(T unit, UnitObservation o) {
        unit.setIndex(o.index());
        unit.setPhase(o.phase());
        unit.setJob(o.job());
        unit.setAttempts(o.job() == null ? null : o.attempts());
        unit.setStartTime(o.startTime());
        unit.setCompletionTime(o.completionTime());
        unit.setFailureReason(o.failureReason());
        unit.setMessage(o.message());
        RunnerResult r = o.result();
        if (r != null && o.phase() == UnitPhase.Succeeded && r.metrics() != null && !r.metrics().isEmpty()) {
            unit.setMetrics(new TreeMap<>(r.metrics()));
        }
        if (r != null && o.phase() == UnitPhase.Succeeded) {
            unit.setTruncatedRows(r.truncatedRows());
        }
        return unit;
    }
}

package dev.kubetune.runner.local;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import java.util.Optional;

/**
 * An InferenceRun's wait for a FoldTraining's adapter ({@code adapter.fromFoldTraining}): a given fold,
 * or the best one once every fold has finished.
 */
final class AdapterDependency {

    /** What the run can do now. */
    sealed interface State permits Ready, Waiting, Broken {
    }

    /** The adapter exists: its folder relative to the output volume. */
    record Ready(String adapterPath) implements State {
    }

    /** Not yet: what it waits for. */
    record Waiting(String what) implements State {
    }

    /** It never will: why. */
    record Broken(String reason, String message) implements State {
    }

    private AdapterDependency() {
    }

    static Optional<FoldTrainingRef> of(InferenceRun run) {
        return Optional.ofNullable(run.getSpec().getAdapter()).map(a -> a.getFromFoldTraining());
    }

    static State check(FoldTrainingRef ref, FoldTraining training) {
        String name = "FoldTraining/" + ref.getName();
        FoldTrainingStatus status = training.getStatus();
        boolean best = ref.getFold() == null || ref.getFold().getIntVal() == null;
        if (best) {
            if (status.getPhase() == Phase.Failed) {
                return new Broken(ConditionReason.FOLD_TRAINING_FAILED, name + " failed, so it has no best fold");
            }
            if (status.getPhase() != Phase.Succeeded || status.getSummary() == null || status.getSummary().getBestFold() == null) {
                return new Waiting(name + " (best fold)");
            }
            return adapterOf(status, status.getSummary().getBestFold(), name);
        }
        int fold = ref.getFold().getIntVal();
        FoldStatus entry = status.getFolds().stream().filter(f -> f.getIndex() == fold).findFirst().orElse(null);
        if (entry == null) {
            return new Broken("FoldNotFound", name + " has no fold " + fold);
        }
        if (entry.getPhase() == UnitPhase.Failed) {
            return new Broken(ConditionReason.FOLD_TRAINING_FAILED, name + " fold " + fold + " failed");
        }
        return entry.getPhase() == UnitPhase.Succeeded ? adapterOf(status, fold, name) : new Waiting(name + " (fold " + fold + ")");
    }

    private static State adapterOf(FoldTrainingStatus status, int fold, String name) {
        return status.getFolds().stream().filter(f -> f.getIndex() == fold && f.getAdapter() != null)
                .findFirst().<State>map(f -> new Ready(f.getAdapter().getPath()))
                .orElse(new Broken("AdapterMissing", name + " fold " + fold + " recorded no adapter"));
    }
}

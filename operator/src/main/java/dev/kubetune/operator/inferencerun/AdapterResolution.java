package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;

/**
 * Where an InferenceRun's adapter comes from (pure): nothing to resolve (no adapter, or a folder
 * path), a FoldTraining fold's adapter folder, or what the run still waits for.
 *
 * @param adapterPath the resolved adapter folder, relative to the output volume (null: none needed or not yet)
 * @param waitingFor  what the run waits for, e.g. {@code FoldTraining/notes (best fold not known yet)}; null when not waiting
 * @param waitingReason the Waiting condition's reason: FoldTrainingNotFound, FoldTrainingFailed or WaitingForFoldTraining
 */
public record AdapterResolution(String adapterPath, String waitingFor, String waitingReason) {

    AdapterResolution(String adapterPath, String waitingFor) {
        this(adapterPath, waitingFor, waitingFor == null ? null : ConditionReason.WAITING_FOR_FOLD_TRAINING);
    }

    public boolean waiting() {
        return waitingFor != null;
    }

    /** The adapter of {@code spec.adapter.fromFoldTraining} in {@code training} (empty: it does not exist). */
    public static AdapterResolution resolve(InferenceRunSpec spec, Optional<FoldTraining> training) {
        FoldTrainingRef ref = spec.getAdapter() == null ? null : spec.getAdapter().getFromFoldTraining();
        if (ref == null) {
            return new AdapterResolution(null, null);
        }
        String name = "FoldTraining/" + ref.getName();
        if (training.isEmpty()) {
            return new AdapterResolution(null, name + " (not found)", ConditionReason.FOLD_TRAINING_NOT_FOUND);
        }
        var status = training.get().getStatus();
        Integer fold = foldIndex(ref.getFold());
        if (fold == null) {
            if (status == null || status.getPhase() != Phase.Succeeded || status.getSummary() == null
                    || status.getSummary().getBestFold() == null) {
                boolean failed = status != null && status.getPhase() == Phase.Failed;
                return new AdapterResolution(null, name + " (best fold not known yet" + (failed ? "; it failed)" : ")"),
                        failed ? ConditionReason.FOLD_TRAINING_FAILED : ConditionReason.WAITING_FOR_FOLD_TRAINING);
            }
            fold = status.getSummary().getBestFold();
        }
        int index = fold;
        Optional<FoldStatus> entry = status == null ? Optional.empty()
                : status.getFolds().stream().filter(f -> f.getIndex() == index).findFirst();
        if (entry.isPresent() && entry.get().getPhase() == UnitPhase.Failed) {
            return new AdapterResolution(null, name + " fold " + index + " (no adapter yet; it failed)",
                    ConditionReason.FOLD_TRAINING_FAILED);
        }
        if (entry.isEmpty() || entry.get().getPhase() != UnitPhase.Succeeded || entry.get().getAdapter() == null
                || entry.get().getAdapter().getPath() == null) {
            return new AdapterResolution(null, name + " fold " + index + " (no adapter yet)");
        }
        return new AdapterResolution(entry.get().getAdapter().getPath(), null);
    }

    /** The fold index of {@code fold}; null for {@code best}. */
    static Integer foldIndex(IntOrString fold) {
        if (fold == null) {
            return null;
        }
        if (fold.getIntVal() != null) {
            return fold.getIntVal();
        }
        String text = fold.getStrVal();
        return text == null || "best".equals(text) ? null : Integer.valueOf(text);
    }
}

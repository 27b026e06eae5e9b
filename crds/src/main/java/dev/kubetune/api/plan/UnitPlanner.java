package dev.kubetune.api.plan;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import java.util.ArrayList;
import java.util.List;

/** A resource's work units: {@code fold-0..k-1} for a FoldTraining, {@code shard-0..n-1} for an InferenceRun. */
public final class UnitPlanner {

    private UnitPlanner() {
    }

    public static List<WorkUnit> units(FoldTrainingSpec spec) {
        return numbered(WorkUnit.Type.FOLD, spec.getFolds().getK());
    }

    public static List<WorkUnit> units(InferenceRunSpec spec) {
        return numbered(WorkUnit.Type.SHARD, spec.getShards());
    }

    private static List<WorkUnit> numbered(WorkUnit.Type type, int count) {
        List<WorkUnit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            units.add(new WorkUnit(type, i));
        }
        return List.copyOf(units);
    }
}

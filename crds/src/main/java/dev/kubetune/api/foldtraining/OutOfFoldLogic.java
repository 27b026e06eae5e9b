package dev.kubetune.api.foldtraining;

import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.inferencerun.ShardMetrics;
import dev.kubetune.api.status.UnitPhase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A FoldTraining's out-of-fold figures from its folds' status: the folds' test rows partition the
 * selected rows, so pooling their per-class counts (as an InferenceRun pools its shards') gives the
 * accuracy and F1 of all out-of-fold predictions exactly; log-loss and Brier are row means, pooled by
 * rows. Pure, like the rest of the status logic.
 */
public final class OutOfFoldLogic {

    private static final Set<String> POOLED = Set.of(MetricNames.ROWS, MetricNames.ACCURACY, MetricNames.MACRO_F1,
            MetricNames.WEIGHTED_F1, MetricNames.LOG_LOSS, MetricNames.BRIER);

    private OutOfFoldLogic() {
    }

    /** Null until a fold has succeeded with metrics. */
    public static OutOfFold of(FoldTraining training) {
        List<Map<String, Double>> folds = training.getStatus().getFolds().stream()
                .filter(f -> f.getPhase() == UnitPhase.Succeeded).map(FoldStatus::getMetrics)
                .filter(Objects::nonNull).toList();
        if (folds.isEmpty()) {
            return null;
        }
        Map<String, Double> metrics = new TreeMap<>();
        ShardMetrics.combine(folds).forEach((name, value) -> {
            if (POOLED.contains(name) && (!name.equals(MetricNames.LOG_LOSS) && !name.equals(MetricNames.BRIER)
                    || folds.stream().allMatch(f -> f.containsKey(name)))) {
                metrics.put(name, value);
            }
        });
        OutOfFold oof = new OutOfFold();
        Double rows = metrics.remove(MetricNames.ROWS);
        oof.setRows(rows == null ? null : (int) Math.round(rows));
        oof.setMetrics(metrics.isEmpty() ? null : metrics);
        String namespace = training.getMetadata().getNamespace();
        oof.setPredictions(ArtifactLayout.outOfFoldFile(namespace == null || namespace.isEmpty() ? "default" : namespace,
                training.getMetadata().getName(), training.getSpec().getOutput().getFormat()));
        return oof;
    }
}

package dev.kubetune.api.foldtraining;

import dev.kubetune.api.status.ExperimentStatusLogic;
import dev.kubetune.api.status.MainMetric;
import dev.kubetune.api.status.MetricStats;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A FoldTraining's status from its folds' entries: progress, the summary over succeeded folds
 * (each metric's mean and sample std, the best fold by the main metric), phase and conditions.
 * Pure: callers update {@code status.folds} and call {@link #update}.
 */
public final class FoldTrainingStatusLogic {

    private FoldTrainingStatusLogic() {
    }

    public static void update(FoldTraining training, Instant now) {
        FoldTrainingSpec spec = training.getSpec();
        FoldTrainingStatus status = training.getStatus();
        int k = spec.getFolds().getK();
        List<FoldStatus> folds = status.getFolds();
        folds.sort(Comparator.comparingInt(FoldStatus::getIndex));
        status.setProgress(ExperimentStatusLogic.progress(folds, k));
        String main = spec.getEvaluation().getMetrics().get(0).value();
        status.setSummary(summary(folds, k, main));
        status.setOutOfFold(OutOfFoldLogic.of(training));
        MetricStats mainStats = status.getSummary().getMetrics() == null ? null
                : status.getSummary().getMetrics().get(main);
        MainMetric mainMetric = new MainMetric();
        mainMetric.setName(main);
        mainMetric.setValue(mainStats == null ? null : mainStats.getMean());
        status.setMainMetric(mainMetric);
        Long generation = training.getMetadata() == null ? null : training.getMetadata().getGeneration();
        Phase phase = ExperimentStatusLogic.phase(folds, k, spec.isSuspend(), false);
        ExperimentStatusLogic.apply(status, phase, folds, k, null, null, generation == null ? 0 : generation, now);
    }

    static FoldSummary summary(List<FoldStatus> folds, int k, String mainMetric) {
        List<FoldStatus> succeeded = folds.stream().filter(f -> f.getPhase() == UnitPhase.Succeeded).toList();
        TreeSet<String> names = new TreeSet<>();
        succeeded.forEach(f -> names.addAll(f.getMetrics() == null ? List.of() : f.getMetrics().keySet()));
        Map<String, MetricStats> metrics = new TreeMap<>();
        for (String name : names) {
            List<Double> values = new ArrayList<>();
            succeeded.stream().map(f -> f.getMetrics() == null ? null : f.getMetrics().get(name))
                    .filter(Objects::nonNull).forEach(values::add);
            if (values.size() == succeeded.size()) {
                metrics.put(name, MetricStats.of(values));
            }
        }
        FoldSummary summary = new FoldSummary();
        summary.setFoldsSucceeded(succeeded.size());
        summary.setFoldsTotal(k);
        // no metrics yet: no map rather than an empty one. Server-side apply turns a map this manager emptied
        // into null (kubernetes/kubernetes#104694), which the schema rejects: every later status write would fail
        summary.setMetrics(metrics.isEmpty() ? null : metrics);
        summary.setBestFold(succeeded.stream()
                .filter(f -> f.getMetrics() != null && f.getMetrics().get(mainMetric) != null)
                .max(Comparator.comparingDouble((FoldStatus f) -> f.getMetrics().get(mainMetric))
                        .thenComparing(Comparator.comparingInt(FoldStatus::getIndex).reversed()))
                .map(FoldStatus::getIndex).orElse(null));
        summary.setTruncatedRows(ExperimentStatusLogic.truncatedRows(folds));
        return summary;
    }
}

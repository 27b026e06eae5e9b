package dev.kubetune.runner.report;

import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.status.MetricStats;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns FoldTrainings and InferenceRuns, with their status, into the comparison's rows. */
public final class ReportRows {

    private ReportRows() {
    }

    /** The rows, in the resources' order, each with a chart label unique within the report. */
    public static List<ReportRow> from(List<CustomResource<?, ?>> resources) {
        List<ReportRow> rows = new ArrayList<>();
        for (CustomResource<?, ?> resource : resources) {
            if (resource instanceof FoldTraining training && training.getStatus() != null) {
                rows.add(row(training));
            } else if (resource instanceof InferenceRun run && run.getStatus() != null) {
                rows.add(row(run));
            }
        }
        Map<String, Long> counts = rows.stream().collect(java.util.stream.Collectors.groupingBy(ReportRow::label,
                java.util.stream.Collectors.counting()));
        return rows.stream().map(r -> counts.get(r.label()) > 1
                ? r.withLabel(r.label() + " " + r.resource().substring(r.resource().indexOf('/') + 1)) : r).toList();
    }

    static ReportRow row(FoldTraining training) {
        FoldTrainingSpec spec = training.getSpec();
        Map<String, MetricStats> m = training.getStatus().getSummary() == null || training.getStatus().getSummary().getMetrics() == null
                ? Map.of() : training.getStatus().getSummary().getMetrics();
        String main = spec.getEvaluation().getMetrics().get(0).value();
        List<Double> folds = training.getStatus().getFolds().stream()
                .filter(f -> f.getPhase() == UnitPhase.Succeeded && f.getMetrics() != null)
                .map(FoldStatus::getMetrics).map(x -> x.get(main)).filter(Objects::nonNull).toList();
        String trainingText = String.format(java.util.Locale.ROOT, "k=%d, %d epoch(s), lr=%s, r=%d on %s",
                spec.getFolds().getK(), spec.getTraining().getEpochs(), spec.getTraining().getLearningRate(),
                spec.getLora().getRank(), spec.getLora().getTargetModules().stream().map(t -> t.value()).toList());
        MetricStats params = m.get(MetricNames.MODEL_PARAMETERS);
        return new ReportRow("FoldTraining/" + training.getMetadata().getName(), modelName(spec.getModel().getPath()),
                "LoRA fine-tuned", params == null ? null : Math.round(params.getMean()), trainingText,
                Measure.of(m.get(MetricNames.ACCURACY)), Measure.of(m.get(MetricNames.MACRO_F1)),
                Measure.of(m.get(MetricNames.LATENCY_P50_MS)), Measure.of(m.get(MetricNames.LATENCY_P95_MS)),
                Measure.of(m.get(MetricNames.TOKENS_PER_SECOND)), Measure.of(m.get(MetricNames.PEAK_MEMORY_BYTES)),
                training.getStatus().getSummary() == null || training.getStatus().getSummary().getTruncatedRows() == null
                        ? null : training.getStatus().getSummary().getTruncatedRows().longValue(),
                folds, main, modelName(spec.getModel().getPath()) + " (LoRA, " + spec.getFolds().getK() + "-fold mean)");
    }

    static ReportRow row(InferenceRun run) {
        Map<String, Double> m = run.getStatus().getMetrics() == null ? Map.of() : run.getStatus().getMetrics();
        boolean adapted = run.getSpec().getAdapter() != null;
        String training = "none";
        if (adapted && run.getSpec().getAdapter().getFromFoldTraining() != null) {
            var ref = run.getSpec().getAdapter().getFromFoldTraining();
            training = "adapter of FoldTraining/" + ref.getName() + ", fold " + (ref.getFold() == null ? "best"
                    : ref.getFold().getStrVal() != null ? ref.getFold().getStrVal() : ref.getFold().getIntVal());
        } else if (adapted) {
            training = "adapter " + run.getSpec().getAdapter().getPath();
        }
        Integer trained = run.getStatus().getTrainedRows();
        if (trained != null && trained > 0) {
            training += " — ⚠ scored on " + trained + " rows its adapter trained on (not an honest estimate)";
        }
        Double params = m.get(MetricNames.MODEL_PARAMETERS);
        return new ReportRow("InferenceRun/" + run.getMetadata().getName(), modelName(run.getSpec().getModel().getPath()),
                adapted ? "LoRA fine-tuned" : "zero-shot", params == null ? null : Math.round(params), training,
                Measure.of(m.get(MetricNames.ACCURACY)), Measure.of(m.get(MetricNames.MACRO_F1)),
                Measure.of(m.get(MetricNames.LATENCY_P50_MS)), Measure.of(m.get(MetricNames.LATENCY_P95_MS)),
                Measure.of(m.get(MetricNames.TOKENS_PER_SECOND)), Measure.of(m.get(MetricNames.PEAK_MEMORY_BYTES)),
                run.getStatus().getTruncatedRows() == null ? null : run.getStatus().getTruncatedRows().longValue(),
                List.of(), run.getSpec().getEvaluation().getMetrics().get(0).value(),
                modelName(run.getSpec().getModel().getPath()) + (adapted ? " (LoRA adapter)" : " (zero-shot)"));
    }

    private static String modelName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}

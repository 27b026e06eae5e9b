package dev.kubetune.runner.report;

import java.util.List;

/**
 * One model / variant of the comparison: a FoldTraining (LoRA fine-tuned, mean ± std over folds)
 * or an InferenceRun (zero-shot, or with an adapter).
 *
 * @param resource        Kind/name it comes from
 * @param model           the model folder's name (last path segment)
 * @param variant         "zero-shot" or "LoRA fine-tuned"
 * @param parameters      base model parameters, counted from its weights (null when unknown)
 * @param training        how it was trained ("k=5, 2 epochs, r=8"), or "none"
 * @param accuracy        accuracy (mean ± std over folds for k-fold)
 * @param macroF1         macro-F1 (mean ± std over folds for k-fold)
 * @param latencyP50Ms    per-row latency median, ms
 * @param latencyP95Ms    per-row latency 95th percentile, ms
 * @param tokensPerSecond generated tokens per second
 * @param peakMemoryBytes peak memory of a unit
 * @param truncatedRows   rows whose text was cut to fit the prompt's token limit (all folds or shards)
 * @param foldScores      the main metric per succeeded fold (k-fold only)
 * @param mainMetric      the name of the main metric
 * @param label           how charts name the row, unique within a report
 */
public record ReportRow(
        String resource,
        String model,
        String variant,
        Long parameters,
        String training,
        Measure accuracy,
        Measure macroF1,
        Measure latencyP50Ms,
        Measure latencyP95Ms,
        Measure tokensPerSecond,
        Measure peakMemoryBytes,
        Long truncatedRows,
        List<Double> foldScores,
        String mainMetric,
        String label) {

    ReportRow withLabel(String newLabel) {
        return new ReportRow(resource, model, variant, parameters, training, accuracy, macroF1, latencyP50Ms,
                latencyP95Ms, tokensPerSecond, peakMemoryBytes, truncatedRows, foldScores, mainMetric, newLabel);
    }

    /** "3.2B", "110M", or "?" when unknown. */
    public String size() {
        if (parameters == null) {
            return "?";
        }
        double p = parameters;
        if (p >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.1fB", p / 1e9);
        }
        if (p >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.0fM", p / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.0fK", p / 1e3);
    }
}

package dev.kubetune.runner.infer;

import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.runner.cache.CachedCompletion;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.label.LabelExtractor;
import dev.kubetune.runner.metrics.ClassificationMetrics;
import dev.kubetune.runner.metrics.LatencyStats;
import dev.kubetune.runner.metrics.PeakMemory;
import dev.kubetune.runner.output.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns completions into predictions (label extraction) and the job's metrics. */
final class InferenceScoring {

    private InferenceScoring() {
    }

    static InferenceOutcome score(InferencePlan plan, List<CachedCompletion> completions, List<Long> latencyNanos,
                                  double seconds, int generatedRows, long parameters) {
        InferSettings s = plan.settings();
        LabelExtractor extractor = plan.labels().isEmpty() ? null
                : LabelExtractor.of(s.extract().value(), plan.labels(), s.extractPattern());
        List<Prediction> predictions = new ArrayList<>();
        long promptTokens = 0;
        long generatedTokens = 0;
        for (int i = 0; i < completions.size(); i++) {
            DataRow row = plan.rows().get(i);
            CachedCompletion c = completions.get(i);
            promptTokens += c.promptTokenIds().size();
            generatedTokens += c.completionTokenIds().size();
            predictions.add(new Prediction(row.id(), c.promptTokenIds(), c.completion(), c.completionTokenIds(),
                    extractor == null ? null : extractor.extract(c.completion()), row.label(), c.topLogprobs(),
                    plan.fitted().get(i).truncated()));
        }
        return outcome(plan, predictions, promptTokens, generatedTokens, latencyNanos, seconds, generatedRows, parameters);
    }

    /** The metrics of predictions made (generated, or scored by likelihood) and the outcome holding them. */
    static InferenceOutcome outcome(InferencePlan plan, List<Prediction> predictions, long promptTokens, long generatedTokens,
                                    List<Long> latencyNanos, double seconds, int generatedRows, long parameters) {
        LatencyStats latency = LatencyStats.of(latencyNanos.stream().map(n -> n / 1e6).toList());
        PeakMemory memory = PeakMemory.measure();
        double tokensPerSecond = LatencyStats.tokensPerSecond(generatedTokens, seconds);

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        boolean scored = !plan.labels().isEmpty() && !predictions.isEmpty() && predictions.stream().allMatch(p -> p.label() != null);
        ClassificationMetrics classification = null;
        if (scored) {
            List<String> gold = predictions.stream().map(Prediction::label).toList();
            List<String> predicted = predictions.stream().map(Prediction::prediction).toList();
            classification = ClassificationMetrics.compute(gold, predicted, plan.labels());
            scalars.put(MetricNames.ACCURACY, classification.accuracy());
            scalars.put(MetricNames.MACRO_F1, classification.macroF1());
        }
        scalars.put(MetricNames.ROWS, (double) predictions.size());
        scalars.put(MetricNames.PROMPT_TOKENS, (double) promptTokens);
        scalars.put(MetricNames.GENERATED_TOKENS, (double) generatedTokens);
        scalars.put(MetricNames.TOKENS_PER_SECOND, tokensPerSecond);
        scalars.put(MetricNames.LATENCY_P50_MS, latency.p50Ms());
        scalars.put(MetricNames.LATENCY_P95_MS, latency.p95Ms());
        scalars.put(MetricNames.PEAK_MEMORY_BYTES, (double) (memory.rssBytes() != null ? memory.rssBytes() : memory.heapBytes()));
        scalars.put(MetricNames.MODEL_PARAMETERS, (double) parameters);
        scalars.put(MetricNames.TRUNCATED_ROWS, (double) plan.truncatedRows());
        if (scored) {
            scalars.putAll(classCounts(predictions, plan.labels()));
        }
        Map<String, Double> calibration = scored ? ProbabilityMetrics.of(predictions, plan.labels()) : Map.of();
        scalars.putAll(calibration);

        report.put("rows", predictions.size());
        report.put("generated_rows", generatedRows);
        report.put("cached_rows", predictions.size() - generatedRows);
        report.put("truncated_rows", plan.truncatedRows());
        report.put("prompt_tokens", promptTokens);
        report.put("generated_tokens", generatedTokens);
        report.put("generation_seconds", seconds);
        report.put("tokens_per_second", tokensPerSecond);
        report.put("latency_ms", latency);
        report.put("peak_memory", memory);
        report.put("model_parameters", parameters);
        if (classification != null) {
            report.put("accuracy", classification.accuracy());
            report.put("macro_f1", classification.macroF1());
            report.put("classification", classification);
        }
        report.putAll(calibration);
        return new InferenceOutcome(predictions, report, scalars);
    }

    /** Per label: correct predictions, predictions, gold rows; shards of a run add these up exactly. */
    static Map<String, Double> classCounts(List<Prediction> predictions, List<String> labels) {
        TreeSet<String> all = new TreeSet<>(labels);
        predictions.forEach(p -> all.add(p.label()));
        Map<String, Double> counts = new TreeMap<>();
        for (String label : all) {
            counts.put(MetricNames.COUNT_TRUE_POSITIVES + label, (double) predictions.stream()
                    .filter(p -> label.equals(p.label()) && label.equals(p.prediction())).count());
            counts.put(MetricNames.COUNT_PREDICTED + label, (double) predictions.stream()
                    .filter(p -> label.equals(p.prediction())).count());
            counts.put(MetricNames.COUNT_SUPPORT + label, (double) predictions.stream()
                    .filter(p -> Objects.equals(label, p.label())).count());
        }
        return counts;
    }
}

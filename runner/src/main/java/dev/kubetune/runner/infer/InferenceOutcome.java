package dev.kubetune.runner.infer;

import dev.kubetune.runner.output.Prediction;
import java.util.List;
import java.util.Map;

/**
 * What an inference job produced.
 *
 * @param predictions one per row, in row order
 * @param report      everything for metrics.json (nested: latency, memory, per-class scores, confusion)
 * @param scalars     the flat metrics for RunnerResult and status (accuracy, macro_f1, rows, count.*…)
 */
public record InferenceOutcome(List<Prediction> predictions, Map<String, Object> report, Map<String, Double> scalars) {
}

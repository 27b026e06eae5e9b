package dev.kubetune.runner.kfold;

import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.spec.Metric;
import dev.kubetune.runner.infer.InferenceOutcome;
import dev.kubetune.runner.train.TrainingReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fold's figures: the evaluation's (accuracy, macro-F1, per-class scores, confusion matrix, latency,
 * memory) joined with the training's (tokens, time, tokens/s, train and validation loss).
 */
final class FoldMetrics {

    private FoldMetrics() {
    }

    /**
     * Scalars for RunnerResult and status: the spec's metrics first (they survive shortening), count.* last;
     * truncated_rows counts the fold's training, validation and held-out rows whose text was cut.
     */
    static Map<String, Double> scalars(List<Metric> wanted, InferenceOutcome outcome, TrainingReport training,
                                       int truncatedRows) {
        Map<String, Double> all = new LinkedHashMap<>();
        wanted.stream().map(Metric::value).filter(outcome.scalars()::containsKey)
                .forEach(name -> all.put(name, outcome.scalars().get(name)));
        all.put(MetricNames.ROWS, outcome.scalars().get(MetricNames.ROWS));
        all.put(MetricNames.TRAIN_LOSS, training.trainLoss());
        if (training.lastValidationLoss() != null) {
            all.put(MetricNames.VALIDATION_LOSS, training.lastValidationLoss());
        }
        all.put(MetricNames.TRAIN_TOKENS, (double) training.trainTokens());
        all.put(MetricNames.TRAIN_SECONDS, training.trainSeconds());
        all.put(MetricNames.TRUNCATED_ROWS, (double) truncatedRows);
        outcome.scalars().forEach((name, value) -> {
            if (!name.startsWith("count.")) {
                all.putIfAbsent(name, value);
            }
        });
        outcome.scalars().forEach(all::putIfAbsent);
        return all;
    }

    /** metrics.json: the evaluation report with a "training" section. */
    static Map<String, Object> report(InferenceOutcome outcome, TrainingReport training, FoldRows rows, long adapterBytes,
                                      int validationTruncated) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("train_rows", rows.train().size());
        t.put("validation_rows", rows.validation().size());
        t.put("truncated_rows", training.truncatedRows());
        t.put("truncated_validation_rows", validationTruncated);
        t.put("padding_tokens", training.paddingTokens());
        t.put("padding_tokens_ungrouped", training.paddingTokensUngrouped());
        t.put("epochs", training.epochs());
        t.put("steps", training.steps());
        t.put("stopped_early", training.stoppedEarly());
        t.put("train_tokens", training.trainTokens());
        t.put("train_seconds", training.trainSeconds());
        t.put("tokens_per_second", training.tokensPerSecond());
        t.put("train_loss", training.trainLoss());
        t.put("validation_loss", training.lastValidationLoss());
        t.put("validation_losses", training.validationLosses());
        t.put("adapter_bytes", adapterBytes);
        Map<String, Object> report = new LinkedHashMap<>(outcome.report());
        report.put("training", t);
        return report;
    }
}

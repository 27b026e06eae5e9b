package dev.kubetune.runner.infer;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.prompt.FittedPrompt;
import dev.kubetune.runner.generate.LabelScorer;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.progress.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scoring: likelihood}: each row's prediction is the allowed label whose tokens are most likely
 * after the prompt ({@link LabelScorer}), with every label's log-likelihood and its probability (their
 * softmax over the allowed labels). Labels are tokenized as fine-tuning tokenizes a response, so an
 * adapter is scored on the tokens it learned. Nothing is generated and there are no format failures;
 * the prediction cache is not used.
 */
final class LikelihoodInference {

    private LikelihoodInference() {
    }

    static InferenceOutcome run(InferencePlan plan, LanguageModel model, WeightDeltas adapter) {
        List<String> labels = plan.labels();
        if (labels.isEmpty()) {
            throw new BadInputException("evaluation.scoring: likelihood needs the allowed labels (prompt.labels, or a "
                    + "labelled data set)");
        }
        List<long[]> labelTokens = new ArrayList<>();
        for (String label : labels) {
            long[] ids = model.tokenizer().encode(label);
            if (ids.length == 0) {
                throw new BadInputException("prompt.labels: '" + label + "' has no tokens to score");
            }
            labelTokens.add(ids);
        }
        LabelScorer scorer = new LabelScorer(model.decoder(), model.manager());
        int batchSize = plan.settings().generation().batchSize();
        List<Prediction> predictions = new ArrayList<>();
        List<Long> latencyNanos = new ArrayList<>();
        long promptTokens = 0;
        long start = System.nanoTime();
        try (Progress progress = Progress.start("score", plan.rows().size(), "rows")) {
            for (int from = 0; from < plan.rows().size(); from += batchSize) {
                int to = Math.min(plan.rows().size(), from + batchSize);
                long batchStart = System.nanoTime();
                List<long[]> prompts = plan.fitted().subList(from, to).stream().map(FittedPrompt::tokenIds).toList();
                List<double[]> scores = scorer.score(prompts, labelTokens, adapter);
                long perRow = (System.nanoTime() - batchStart) / (to - from);
                for (int i = from; i < to; i++) {
                    long[] prompt = prompts.get(i - from);
                    promptTokens += prompt.length;
                    predictions.add(prediction(plan.rows().get(i), prompt, labels, labelTokens, scores.get(i - from),
                            plan.fitted().get(i).truncated()));
                    latencyNanos.add(perRow);
                }
                progress.step(to - from, null);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return InferenceScoring.outcome(plan, predictions, promptTokens, 0, latencyNanos, seconds, plan.rows().size(),
                InferenceService.parameterCount(model));
    }

    static Prediction prediction(DataRow row, long[] prompt, List<String> labels, List<long[]> labelTokens, double[] logLikelihoods,
                                 boolean truncated) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logLikelihoods.length; j++) {
            if (logLikelihoods[j] > max) {
                max = logLikelihoods[j];
                best = j;
            }
        }
        double sum = 0;
        for (double l : logLikelihoods) {
            sum += Math.exp(l - max);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        Map<String, Double> logprobs = new LinkedHashMap<>();
        for (int j = 0; j < labels.size(); j++) {
            probabilities.put(labels.get(j), Math.exp(logLikelihoods[j] - max) / sum);
            logprobs.put(labels.get(j), logLikelihoods[j]);
        }
        return new Prediction(row.id(), ints(prompt), labels.get(best), ints(labelTokens.get(best)), labels.get(best),
                row.label(), null, probabilities, logprobs, null, truncated);
    }

    private static List<Integer> ints(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).boxed().toList();
    }
}

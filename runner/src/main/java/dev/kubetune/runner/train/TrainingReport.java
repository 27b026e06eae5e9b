package dev.kubetune.runner.train;

import dev.kubetune.runner.lora.LoraAdapter;
import java.util.List;

/**
 * What a training run produced: the adapter (its arrays in the caller's manager) and its figures.
 *
 * @param adapter          the trained adapter
 * @param steps            optimizer steps taken
 * @param epochs           epochs run (fewer than asked when stopped early)
 * @param trainTokens      tokens (prompt + response) seen in training, all epochs
 * @param trainSeconds     wall time of the training loop
 * @param trainLoss        mean response-token loss of the last epoch
 * @param validationLosses validation loss after each epoch (empty without a validation share)
 * @param truncatedRows    training rows whose text was cut to fit the prompt's token limit
 * @param stoppedEarly     whether early stopping ended the run
 * @param paddingTokens    pad tokens in the micro-batches trained on, all epochs
 * @param paddingTokensUngrouped pad tokens the same epochs take with batches in plain shuffled order
 */
public record TrainingReport(LoraAdapter adapter, int steps, int epochs, long trainTokens, double trainSeconds,
                             double trainLoss, List<Double> validationLosses, int truncatedRows,
                             boolean stoppedEarly, long paddingTokens, long paddingTokensUngrouped) {

    public Double lastValidationLoss() {
        return validationLosses.isEmpty() ? null : validationLosses.get(validationLosses.size() - 1);
    }

    public double tokensPerSecond() {
        return trainSeconds > 0 ? trainTokens / trainSeconds : 0.0;
    }
}

package dev.kubetune.runner.prompt;

/**
 * A row's prompt within its token limit.
 *
 * @param text           the prompt as text (with the row's text cut when {@code truncated})
 * @param tokenIds       the prompt's token ids: what the model is given
 * @param originalTokens the tokens of the whole prompt before any cut
 * @param truncated      whether the row's text was cut to fit
 */
public record FittedPrompt(String text, long[] tokenIds, int originalTokens, boolean truncated) {
}

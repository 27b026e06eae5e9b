package dev.kubetune.runner.prompt;

/**
 * One supervised fine-tuning example: the prompt exactly as inference builds it, and the response
 * the model should learn to continue it with (the row's label). The trainer appends the end-of-text
 * token to the response and computes the loss on the response tokens only.
 *
 * @param id the row's id
 * @param prompt the final prompt string, byte-identical to what inference sends the model
 * @param response the target completion
 */
public record TrainingPair(String id, String prompt, String response) {
}

package dev.kubetune.runner.prompt;

/**
 * One supervised fine-tuning example: the prompt exactly as inference builds it, and the text the
 * model should learn to continue it with. With a chat template the response is the assistant turn
 * as the template renders it after the prompt (the label and the end-of-turn tokens,
 * {@code respiratory<|im_end|>\n}), and {@code endsTurn} is true; without one it is the label alone
 * and the trainer appends the end-of-text token. The loss covers the response tokens only.
 *
 * @param id the row's id
 * @param prompt the final prompt string, byte-identical to what inference sends the model
 * @param response the target completion
 * @param endsTurn whether {@code response} already holds the template's end-of-turn tokens
 */
public record TrainingPair(String id, String prompt, String response, boolean endsTurn) {

    /** A pair whose response is the bare label (the trainer appends end-of-text). */
    public TrainingPair(String id, String prompt, String response) {
        this(id, prompt, response, false);
    }
}

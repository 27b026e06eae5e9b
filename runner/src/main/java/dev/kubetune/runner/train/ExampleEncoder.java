package dev.kubetune.runner.train;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.prompt.TrainingPair;
import dev.kubetune.runner.tokenize.TextTokenizer;

/**
 * Tokenizes (prompt, response) pairs the way inference sees them: the prompt encoded as written (as
 * the generator encodes it), then the response: the chat template's assistant turn with its
 * end-of-turn tokens, or the bare label followed by the end-of-text token the generator stops on.
 * A pair longer than {@code maxLength} loses tokens from the start of its prompt (reported as
 * truncated); a pair whose prompt is empty or whose response does not fit is bad input.
 */
public final class ExampleEncoder {

    private final TextTokenizer tokenizer;
    private final long eosId;
    private final int maxLength;

    public ExampleEncoder(TextTokenizer tokenizer, long eosId, int maxLength) {
        this.tokenizer = tokenizer;
        this.eosId = eosId;
        this.maxLength = maxLength;
    }

    public TokenizedExample encode(TrainingPair pair) {
        long[] prompt = tokenizer.encode(pair.prompt());
        if (prompt.length == 0) {
            throw new BadInputException("row '" + pair.id() + "': the prompt is empty");
        }
        long[] response = tokenizer.encode(pair.response());
        int target = response.length + (pair.endsTurn() ? 0 : 1);
        if (target >= maxLength) {
            throw new BadInputException("row '" + pair.id() + "': the response '" + pair.response() + "' takes "
                    + target + " tokens with its end of turn, which does not fit training.maxSeqLength "
                    + maxLength + " with a prompt");
        }
        int keptPrompt = Math.min(prompt.length, maxLength - target);
        long[] tokens = new long[keptPrompt + target];
        System.arraycopy(prompt, prompt.length - keptPrompt, tokens, 0, keptPrompt);
        System.arraycopy(response, 0, tokens, keptPrompt, response.length);
        if (!pair.endsTurn()) {
            tokens[tokens.length - 1] = eosId;
        }
        return new TokenizedExample(pair.id(), tokens, keptPrompt, keptPrompt < prompt.length);
    }
}

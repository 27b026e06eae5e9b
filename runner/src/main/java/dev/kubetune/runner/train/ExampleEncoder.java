package dev.kubetune.runner.train;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.prompt.FittedPrompt;
import dev.kubetune.runner.prompt.PromptFitter;
import dev.kubetune.runner.prompt.TrainingPair;
import dev.kubetune.runner.tokenize.TextTokenizer;

/**
 * Tokenizes training examples the way inference sees them: the prompt's tokens, then the response: the
 * chat template's assistant turn with its end-of-turn tokens, or the bare label followed by the
 * end-of-text token the generator stops on. A row's prompt is fitted by the {@link PromptFitter} (the
 * inference mechanism) to what {@code maxLength} leaves after the response, and to {@code maxInputTokens}
 * when set: only the row's text is ever cut, never the instruction or the answer, so the loss always
 * covers the whole answer and its end. A pair given as text is encoded as it is; one over
 * {@code maxLength}, an empty prompt or a response that leaves no room is bad input.
 */
public final class ExampleEncoder {

    private final TextTokenizer tokenizer;
    private final PromptFitter fitter;
    private final long eosId;
    private final int maxLength;
    private final Integer maxInputTokens;

    /** For pairs given as text ({@link #encode(TrainingPair)}). */
    public ExampleEncoder(TextTokenizer tokenizer, long eosId, int maxLength) {
        this(tokenizer, null, eosId, maxLength, null);
    }

    /** For data rows ({@link #encode(DataRow)}), fitted by {@code fitter}. */
    public ExampleEncoder(PromptFitter fitter, long eosId, int maxLength, Integer maxInputTokens) {
        this(fitter.tokenizer(), fitter, eosId, maxLength, maxInputTokens);
    }

    private ExampleEncoder(TextTokenizer tokenizer, PromptFitter fitter, long eosId, int maxLength, Integer maxInputTokens) {
        this.tokenizer = tokenizer;
        this.fitter = fitter;
        this.eosId = eosId;
        this.maxLength = maxLength;
        this.maxInputTokens = maxInputTokens;
    }

    /** A data row: its training pair's response, and its prompt fitted to the room the response leaves. */
    public TokenizedExample encode(DataRow row) {
        TrainingPair pair = fitter.builder().trainingPair(row);
        long[] response = tokenizer.encode(pair.response());
        int limit = promptRoom(pair, response);
        if (maxInputTokens != null) {
            limit = Math.min(limit, maxInputTokens);
        }
        FittedPrompt prompt = fitter.fit(row, limit);
        return assemble(pair, prompt.tokenIds(), response, prompt.truncated());
    }

    /** A pair as written: nothing is cut. */
    public TokenizedExample encode(TrainingPair pair) {
        long[] prompt = tokenizer.encode(pair.prompt());
        long[] response = tokenizer.encode(pair.response());
        int room = promptRoom(pair, response);
        if (prompt.length > room) {
            throw new BadInputException("row '" + pair.id() + "': the prompt takes " + prompt.length + " tokens, over the "
                    + room + " that training.maxSeqLength " + maxLength + " leaves after the response");
        }
        return assemble(pair, prompt, response, false);
    }

    /** Prompt tokens that fit beside the response and its end. */
    private int promptRoom(TrainingPair pair, long[] response) {
        int target = response.length + (pair.endsTurn() ? 0 : 1);
        if (target >= maxLength) {
            throw new BadInputException("row '" + pair.id() + "': the response '" + pair.response() + "' takes "
                    + target + " tokens with its end of turn, which does not fit training.maxSeqLength "
                    + maxLength + " with a prompt");
        }
        return maxLength - target;
    }

    private TokenizedExample assemble(TrainingPair pair, long[] prompt, long[] response, boolean truncated) {
        if (prompt.length == 0) {
            throw new BadInputException("row '" + pair.id() + "': the prompt is empty");
        }
        int end = pair.endsTurn() ? 0 : 1;
        long[] tokens = new long[prompt.length + response.length + end];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(response, 0, tokens, prompt.length, response.length);
        if (end == 1) {
            tokens[tokens.length - 1] = eosId;
        }
        return new TokenizedExample(pair.id(), tokens, prompt.length, truncated);
    }
}

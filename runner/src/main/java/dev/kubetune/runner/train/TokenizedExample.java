package dev.kubetune.runner.train;

/**
 * One training example as tokens: the prompt's tokens, then the response's and the end-of-text
 * token. The loss is taken on the tokens from {@code responseStart} on (the prompt is masked).
 *
 * @param id            the row's id
 * @param tokens        prompt + response + EOS
 * @param responseStart index of the first response token
 * @param truncated     whether the row's text was cut to fit the prompt's token limit
 */
public record TokenizedExample(String id, long[] tokens, int responseStart, boolean truncated) {

    /** Tokens the loss is computed on. */
    public int responseTokens() {
        return tokens.length - responseStart;
    }
}

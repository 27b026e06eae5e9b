package dev.kubetune.runner.generate;

import java.util.List;

/**
 * What one prompt produced. {@code tokenIds} are the generated ids (ending with the EOS id when
 * generation stopped there); {@code text} is their decoded text without special tokens, cut before a
 * stop string. {@code topLogprobs} has one list per generated token (empty lists when not asked for).
 * {@code latencyNanos} runs from the start of the prompt's batch to the prompt's last token.
 */
public record Completion(long[] promptTokenIds, String text, long[] tokenIds,
                         List<List<TokenLogprob>> topLogprobs, FinishReason finishReason, long latencyNanos) {

    /** Why generation ended. */
    public enum FinishReason { EOS, STOP, LENGTH }
}

package dev.kubetune.runner.cache;

import dev.kubetune.runner.generate.TokenLogprob;
import java.util.List;

/**
 * What the cache keeps of a generation: everything in a prediction that depends only on the
 * {@link CacheKey} (the id, label and extracted prediction are the caller's).
 *
 * @param promptTokenIds the prompt's token ids
 * @param completion the generated text
 * @param completionTokenIds the generated token ids
 * @param topLogprobs per step, the most likely tokens, or {@code null}
 */
public record CachedCompletion(List<Integer> promptTokenIds, String completion, List<Integer> completionTokenIds,
        List<List<TokenLogprob>> topLogprobs) {
}

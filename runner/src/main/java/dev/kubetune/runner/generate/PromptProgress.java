package dev.kubetune.runner.generate;

import dev.kubetune.runner.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** One prompt's generation so far: its tokens, log probabilities, random generator and finish. */
final class PromptProgress {

    final long[] prompt;
    final SplittableRandom random;
    private final List<Long> tokens = new ArrayList<>();
    private final List<List<TokenLogprob>> logprobs = new ArrayList<>();
    private Completion.FinishReason finish;
    private String text;
    private long latencyNanos;

    PromptProgress(long[] prompt, long seed) {
        this.prompt = prompt;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + Arrays.hashCode(prompt));
    }

    boolean finished() {
        return finish != null;
    }

    long lastToken() {
        return tokens.get(tokens.size() - 1);
    }

    /** Records a generated token and decides whether the prompt is done. */
    void accept(long token, List<TokenLogprob> top, Set<Long> eos, GenerationSettings settings,
                TextTokenizer tokenizer, long elapsedNanos) {
        tokens.add(token);
        logprobs.add(top);
        if (eos.contains(token)) {
            finish(Completion.FinishReason.EOS, decodeWithoutEos(tokenizer, eos), elapsedNanos);
            return;
        }
        if (!settings.stop().isEmpty()) {
            String sofar = decodeWithoutEos(tokenizer, eos);
            int cut = firstStop(sofar, settings.stop());
            if (cut >= 0) {
                finish(Completion.FinishReason.STOP, sofar.substring(0, cut), elapsedNanos);
                return;
            }
        }
        if (tokens.size() >= settings.maxNewTokens()) {
            finish(Completion.FinishReason.LENGTH, decodeWithoutEos(tokenizer, eos), elapsedNanos);
        }
    }

    /** Ends a prompt that was given nothing to generate. */
    void finishEmpty(long elapsedNanos) {
        finish(Completion.FinishReason.LENGTH, "", elapsedNanos);
    }

    Completion completion() {
        long[] ids = tokens.stream().mapToLong(Long::longValue).toArray();
        return new Completion(prompt, text, ids, List.copyOf(logprobs), finish, latencyNanos);
    }

    private void finish(Completion.FinishReason reason, String finalText, long elapsedNanos) {
        finish = reason;
        text = finalText;
        latencyNanos = elapsedNanos;
    }

    private String decodeWithoutEos(TextTokenizer tokenizer, Set<Long> eos) {
        return tokenizer.decode(tokens.stream().filter(t -> !eos.contains(t)).mapToLong(Long::longValue).toArray());
    }

    private static int firstStop(String text, List<String> stops) {
        int cut = -1;
        for (String s : stops) {
            int at = s.isEmpty() ? -1 : text.indexOf(s);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut;
    }
}

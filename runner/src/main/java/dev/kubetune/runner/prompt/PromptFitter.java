package dev.kubetune.runner.prompt;

import dev.kubetune.api.spec.Truncation;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fits a row's prompt under a token limit, the one mechanism training, evaluation and inference share.
 * A prompt within the limit is encoded whole. One over it has its row's text cut (the template's
 * {@code text} variable and the data set's text field), never the instruction, the system message or
 * the chat template's own tokens: the prompt is rendered with a marker in place of the text, the parts
 * around the marker are encoded as they are, and the text's own tokens are kept from its start
 * ({@code end}: the end is cut), its end ({@code start}) or both ends ({@code middle}: the first half
 * and the last half of the budget) so that the prompt takes exactly the limit. {@code error} refuses.
 */
public final class PromptFitter {

    private static final String MARKER = "\uE000kubetune:text\uE000";

    private final PromptBuilder builder;
    private final TextTokenizer tokenizer;
    private final Truncation truncation;

    public PromptFitter(PromptBuilder builder, TextTokenizer tokenizer, Truncation truncation) {
        this.builder = builder;
        this.tokenizer = tokenizer;
        this.truncation = truncation;
    }

    public PromptBuilder builder() {
        return builder;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The most prompt tokens generation may use: {@code maxInputTokens} when set, else what the model's
     * context leaves after {@code maxNewTokens}. Bad input when the two together are over the context.
     *
     * @param context the model's max_position_embeddings, or null when it names none
     */
    public static int inferenceLimit(Integer maxInputTokens, Integer context, int maxNewTokens) {
        if (context != null && maxNewTokens >= context) {
            throw new BadInputException("maxNewTokens " + maxNewTokens + " leaves no room for a prompt in the model's "
                    + "context of " + context + " tokens (max_position_embeddings)");
        }
        if (maxInputTokens == null) {
            return context == null ? Integer.MAX_VALUE : context - maxNewTokens;
        }
        if (context != null && maxInputTokens + maxNewTokens > context) {
            throw new BadInputException("prompt.maxInputTokens " + maxInputTokens + " + maxNewTokens " + maxNewTokens
                    + " is over the model's context of " + context + " tokens (max_position_embeddings)");
        }
        return maxInputTokens;
    }

    /** The row's prompt in at most {@code limit} tokens; bad input when it cannot fit (or is over with {@code error}). */
    public FittedPrompt fit(DataRow row, int limit) {
        String whole = builder.build(row);
        long[] ids = tokenizer.encode(whole);
        if (ids.length <= limit) {
            return new FittedPrompt(whole, ids, ids.length, false);
        }
        if (truncation == Truncation.ERROR) {
            throw new BadInputException("row '" + row.id() + "': the prompt takes " + ids.length + " tokens, over the limit of "
                    + limit + " (prompt.maxInputTokens, or the model's context; prompt.truncation: error)");
        }
        String[] parts = builder.build(withText(row, MARKER)).split(Pattern.quote(MARKER), -1);
        if (parts.length < 2) {
            throw new BadInputException("row '" + row.id() + "': the prompt takes " + ids.length + " tokens, over the limit of "
                    + limit + ", and the prompt template does not show {{ text }} as it is, so there is no text to cut");
        }
        List<long[]> around = new ArrayList<>();
        int fixed = 0;
        for (String part : parts) {
            long[] partIds = part.isEmpty() ? new long[0] : tokenizer.encode(part);
            around.add(partIds);
            fixed += partIds.length;
        }
        int occurrences = parts.length - 1;
        int perText = (limit - fixed) / occurrences;
        if (perText < 1) {
            throw new BadInputException("row '" + row.id() + "': the prompt cannot fit in " + limit + " tokens: without the "
                    + "row's text it already takes " + fixed + " (instruction, system message, chat template)");
        }
        long[] text = tokenizer.encode(row.text());
        long[] kept = keep(text, perText);
        String keptText = keptText(text, kept);
        long[] fitted = new long[fixed + occurrences * kept.length];
        StringBuilder prompt = new StringBuilder();
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            long[] part = around.get(i);
            System.arraycopy(part, 0, fitted, at, part.length);
            at += part.length;
            prompt.append(parts[i]);
            if (i < occurrences) {
                System.arraycopy(kept, 0, fitted, at, kept.length);
                at += kept.length;
                prompt.append(keptText);
            }
        }
        return new FittedPrompt(prompt.toString(), fitted, ids.length, kept.length < text.length);
    }

    /** At most {@code budget} of the text's tokens, from the side {@link #truncation} keeps. */
    private long[] keep(long[] text, int budget) {
        if (text.length <= budget) {
            return text;
        }
        long[] kept = new long[budget];
        switch (truncation) {
            case END -> System.arraycopy(text, 0, kept, 0, budget);
            case START -> System.arraycopy(text, text.length - budget, kept, 0, budget);
            case MIDDLE -> {
                int head = (budget + 1) / 2;
                System.arraycopy(text, 0, kept, 0, head);
                System.arraycopy(text, text.length - (budget - head), kept, head, budget - head);
            }
            case ERROR -> throw new IllegalStateException("error mode never cuts");
        }
        return kept;
    }

    /** The kept tokens as text (the prompt's text form: dry runs, caches, messages); a cut middle joins two halves. */
    private String keptText(long[] text, long[] kept) {
        if (truncation != Truncation.MIDDLE || kept.length == text.length) {
            return tokenizer.decode(kept);
        }
        int head = (kept.length + 1) / 2;
        return tokenizer.decode(Arrays.copyOf(kept, head)) + tokenizer.decode(Arrays.copyOfRange(kept, head, kept.length));
    }

    /** The row with its text (and every field holding that same text) replaced. */
    private static DataRow withText(DataRow row, String text) {
        Map<String, Object> fields = new LinkedHashMap<>(row.fields());
        fields.replaceAll((name, value) -> Objects.equals(value, row.text()) ? text : value);
        return new DataRow(row.id(), text, row.label(), fields);
    }
}

package dev.kubetune.runner.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The allowed labels, matched case-insensitively; and the shared text clean-up of the extractors. */
final class AllowedLabels {

    /** Leading and trailing characters that are neither letters, digits nor {@code _ -}. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}_-]+|[^\\p{L}\\p{N}_-]+$");

    private final Map<String, String> byLowerCase = new LinkedHashMap<>();

    AllowedLabels(List<String> labels) {
        if (labels != null) {
            labels.forEach(label -> byLowerCase.putIfAbsent(lower(label), label));
        }
    }

    /** The allowed label equal to {@code text} ignoring case, or {@code text} itself. */
    String canonical(String text) {
        return byLowerCase.getOrDefault(lower(text), text);
    }

    boolean contains(String text) {
        return byLowerCase.containsKey(lower(text));
    }

    List<String> labels() {
        return List.copyOf(byLowerCase.values());
    }

    /** The first whitespace-separated word of {@code text}, stripped of punctuation at its ends. */
    static String firstWord(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return stripPunctuation(trimmed.split("\\s+", 2)[0]);
    }

    static String stripPunctuation(String word) {
        return EDGE_PUNCTUATION.matcher(word).replaceAll("");
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

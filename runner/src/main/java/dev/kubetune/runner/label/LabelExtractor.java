package dev.kubetune.runner.label;

import dev.kubetune.runner.BadInputException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a model's completion into a prediction. An extractor returns the allowed label's own
 * spelling when it recognises one, otherwise the raw text it extracted (possibly empty), so a
 * prediction outside the label set stays visible in the output and the confusion matrix.
 */
public interface LabelExtractor {

    /** The prediction for {@code completion}; never {@code null}. */
    String extract(String completion);

    /**
     * The extractor a spec names: {@code first-word}, {@code closest}, or {@code regex} (with
     * {@code pattern}; also written {@code regex:PATTERN}).
     *
     * @param labels the allowed labels
     * @param pattern the regular expression for {@code regex}, else ignored
     */
    static LabelExtractor of(String spec, List<String> labels, String pattern) {
        String method = spec == null ? "first-word" : spec.trim();
        if (method.toLowerCase(Locale.ROOT).startsWith("regex:")) {
            return new RegexExtractor(method.substring("regex:".length()), labels);
        }
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "first-word", "first_word" -> new FirstWordExtractor(labels);
            case "closest" -> new ClosestLabelExtractor(labels);
            case "regex" -> {
                if (pattern == null || pattern.isEmpty()) {
                    throw new BadInputException("prompt.extract: regex needs a pattern");
                }
                yield new RegexExtractor(pattern, labels);
            }
            default -> throw new BadInputException("prompt.extract: unknown method '" + spec
                    + "' (expected first-word, regex or closest)");
        };
    }
}

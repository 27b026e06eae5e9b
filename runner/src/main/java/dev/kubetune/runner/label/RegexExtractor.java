package dev.kubetune.runner.label;

import dev.kubetune.runner.BadInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex}: the first capture group of the pattern's first match in the completion (the
 * whole match when the pattern has no group), trimmed; empty when nothing matches. Matched to the
 * allowed labels case-insensitively.
 */
public final class RegexExtractor implements LabelExtractor {

    private final Pattern pattern;
    private final AllowedLabels labels;

    public RegexExtractor(String pattern, List<String> labels) {
        try {
            this.pattern = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new BadInputException("prompt.extractPattern (--extract-pattern): not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        this.labels = new AllowedLabels(labels);
    }

    @Override
    public String extract(String completion) {
        Matcher matcher = pattern.matcher(completion == null ? "" : completion);
        if (!matcher.find()) {
            return "";
        }
        String found = matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group();
        return labels.canonical(found == null ? "" : found.strip());
    }
}

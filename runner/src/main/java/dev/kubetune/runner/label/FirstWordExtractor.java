package dev.kubetune.runner.label;

import java.util.List;

/**
 * {@code first-word}: the completion's first word, punctuation stripped from its ends ({@code
 * "Cardiac."} → {@code cardiac} when that is an allowed label, matched case-insensitively).
 */
public final class FirstWordExtractor implements LabelExtractor {

    private final AllowedLabels labels;

    public FirstWordExtractor(List<String> labels) {
        this.labels = new AllowedLabels(labels);
    }

    @Override
    public String extract(String completion) {
        return labels.canonical(AllowedLabels.firstWord(completion));
    }
}

package dev.kubetune.runner.label;

import java.util.List;

/**
 * {@code closest}: always answers an allowed label when there is any text, by these rules in order,
 * each on the completion's first word (punctuation stripped, case ignored):
 * <ol>
 *   <li>the word is an allowed label → that label;</li>
 *   <li>the word is a prefix of exactly one label ({@code resp} → respiratory), or exactly one label
 *       is a prefix of the word ({@code cardiacs} → cardiac) → that label;</li>
 *   <li>otherwise the label at the smallest Levenshtein distance from the word; ties go to the
 *       label listed first.</li>
 * </ol>
 * An empty completion, or an empty label list, gives the raw first word (possibly empty).
 */
public final class ClosestLabelExtractor implements LabelExtractor {

    private final AllowedLabels labels;

    public ClosestLabelExtractor(List<String> labels) {
        this.labels = new AllowedLabels(labels);
    }

    @Override
    public String extract(String completion) {
        String word = AllowedLabels.firstWord(completion);
        List<String> allowed = labels.labels();
        if (word.isEmpty() || allowed.isEmpty() || labels.contains(word)) {
            return labels.canonical(word);
        }
        String lower = AllowedLabels.lower(word);
        List<String> prefixed = allowed.stream()
                .filter(l -> AllowedLabels.lower(l).startsWith(lower) || lower.startsWith(AllowedLabels.lower(l)))
                .toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        String best = allowed.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String label : allowed) {
            int distance = editDistance(lower, AllowedLabels.lower(label));
            if (distance < bestDistance) {
                best = label;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package dev.kubetune.runner.stats;

import java.util.Map;

/**
 * One evaluated row as the statistics see it.
 *
 * @param id            the data row's id (rows of two arms are paired by it)
 * @param gold          the gold label
 * @param predicted     the predicted label; null when none could be extracted (it counts as wrong)
 * @param probabilities each allowed label's probability (likelihood scoring), or null
 */
public record ScoredRow(String id, String gold, String predicted, Map<String, Double> probabilities) {
}

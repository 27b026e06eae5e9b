package dev.kubetune.runner.stats;

import java.util.List;
import java.util.TreeSet;

/**
 * Scored rows as label indices, so that a metric over a bootstrap sample of row indices costs one pass.
 * The label set is the allowed labels and every gold label, sorted (as {@code ClassificationMetrics});
 * a prediction outside it is {@link #OTHER}.
 */
public final class CodedRows {

    /** A prediction that is none of the labels (or none at all). */
    public static final int OTHER = -1;

    private final List<String> labels;
    private final int[] gold;
    private final int[] predicted;
    private final double[][] probabilities;

    public CodedRows(List<ScoredRow> rows, List<String> allowed) {
        TreeSet<String> all = new TreeSet<>(allowed);
        rows.forEach(r -> all.add(r.gold()));
        this.labels = List.copyOf(all);
        this.gold = new int[rows.size()];
        this.predicted = new int[rows.size()];
        boolean withProbabilities = !rows.isEmpty() && rows.stream().allMatch(r -> r.probabilities() != null);
        this.probabilities = withProbabilities ? new double[rows.size()][labels.size()] : null;
        for (int i = 0; i < rows.size(); i++) {
            ScoredRow r = rows.get(i);
            gold[i] = labels.indexOf(r.gold());
            predicted[i] = r.predicted() == null ? OTHER : labels.indexOf(r.predicted());
            if (withProbabilities) {
                for (int k = 0; k < labels.size(); k++) {
                    probabilities[i][k] = r.probabilities().getOrDefault(labels.get(k), 0.0);
                }
            }
        }
    }

    public int size() {
        return gold.length;
    }

    public List<String> labels() {
        return labels;
    }

    public boolean hasProbabilities() {
        return probabilities != null;
    }

    public int gold(int row) {
        return gold[row];
    }

    public int predicted(int row) {
        return predicted[row];
    }

    public boolean right(int row) {
        return gold[row] == predicted[row];
    }

    /** The probability the row gives label {@code label}. */
    public double probability(int row, int label) {
        return probabilities[row][label];
    }

    /** The highest probability the row gives any label (the confidence of its prediction). */
    public double confidence(int row) {
        double best = 0;
        for (double p : probabilities[row]) {
            best = Math.max(best, p);
        }
        return best;
    }
}

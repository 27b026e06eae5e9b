package dev.kubetune.runner.metrics;

/**
 * One label's scores. A ratio whose denominator is zero (no prediction of the label, or no row of
 * it) is 0, as scikit-learn's {@code zero_division=0}.
 *
 * @param precision right predictions of the label / all predictions of it
 * @param recall right predictions of the label / rows that have it
 * @param f1 the harmonic mean of precision and recall
 * @param support rows that have the label
 */
public record ClassMetrics(double precision, double recall, double f1, long support) {

    static ClassMetrics of(long truePositives, long predicted, long support) {
        double precision = ratio(truePositives, predicted);
        double recall = ratio(truePositives, support);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(precision, recall, f1, support);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}

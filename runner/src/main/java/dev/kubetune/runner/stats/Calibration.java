package dev.kubetune.runner.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Figures of predicted probabilities over a sample of rows (rows may repeat, as in a bootstrap sample):
 * log-loss, the multi-class Brier score, the expected calibration error and its reliability bins, and
 * ROC-AUC macro-averaged one-vs-rest.
 */
public final class Calibration {

    /** Equal-width confidence bins of the expected calibration error and the reliability diagram. */
    public static final int BINS = 10;
    /** Probabilities are clipped to [EPS, 1] before the logarithm (as scikit-learn's log_loss). */
    static final double EPS = 1e-15;

    /**
     * One reliability bin: rows whose confidence falls in (lower, upper] (the first bin includes 0).
     *
     * @param rows       rows in the bin
     * @param confidence their mean confidence (the top label's probability)
     * @param accuracy   the share of them predicted right
     */
    public record Bin(double lower, double upper, int rows, double confidence, double accuracy) {}

    private Calibration() {
    }

    /** Mean of −ln p(gold label). */
    public static double logLoss(CodedRows rows, int[] sample) {
        double sum = 0;
        for (int i : sample) {
            sum -= Math.log(Math.max(EPS, rows.probability(i, rows.gold(i))));
        }
        return sum / sample.length;
    }

    /** Mean over rows of Σ over labels (p − 1[label is gold])², between 0 and 2. */
    public static double brier(CodedRows rows, int[] sample) {
        double sum = 0;
        int labels = rows.labels().size();
        for (int i : sample) {
            for (int k = 0; k < labels; k++) {
                double d = rows.probability(i, k) - (k == rows.gold(i) ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / sample.length;
    }

    /** Σ over bins of (rows in bin / rows) · |accuracy − mean confidence|, with {@link #BINS} equal-width bins. */
    public static double expectedCalibrationError(CodedRows rows, int[] sample) {
        double ece = 0;
        for (Bin b : reliability(rows, sample)) {
            ece += (double) b.rows() / sample.length * Math.abs(b.accuracy() - b.confidence());
        }
        return ece;
    }

    /** The non-empty bins of the reliability diagram. */
    public static List<Bin> reliability(CodedRows rows, int[] sample) {
        int[] count = new int[BINS];
        double[] confidence = new double[BINS];
        int[] right = new int[BINS];
        for (int i : sample) {
            double c = rows.confidence(i);
            int bin = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(c * BINS - 1e-9) - 1));  // 0.3 * 10 is 3.0000000000000004
            count[bin]++;
            confidence[bin] += c;
            right[bin] += rows.right(i) ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], confidence[b] / count[b],
                        (double) right[b] / count[b]));
            }
        }
        return bins;
    }

    /**
     * The mean over labels of the one-vs-rest ROC-AUC of that label's probability (the Mann–Whitney
     * statistic, ties counting ½); labels with no positive or no negative row in the sample are left out,
     * NaN when no label is left.
     */
    public static double rocAucMacro(CodedRows rows, int[] sample) {
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < rows.labels().size(); k++) {
            double auc = rocAuc(rows, sample, k);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** One label's one-vs-rest AUC from mid-ranks of its probability; NaN without positives or negatives. */
    static double rocAuc(CodedRows rows, int[] sample, int label) {
        int n = sample.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = rows.probability(sample[i], label);
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        long positives = 0;
        double positiveRanks = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && score[order[end + 1]] == score[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) {
                if (rows.gold(sample[order[j]]) == label) {
                    positives++;
                    positiveRanks += midRank;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

package dev.kubetune.runner.stats;

/**
 * Per-label counts over a sample of rows: right predictions of the label, predictions of it and rows
 * that have it; F1, recall and macro-F1 (the mean F1 of the labels that occur among the sample's gold
 * labels or predictions, the definition {@code ClassificationMetrics} uses) follow.
 */
final class ClassFigures {

    final long[] truePositives;
    final long[] predictedAs;
    final long[] support;

    ClassFigures(CodedRows rows, int[] sample) {
        int n = rows.labels().size();
        truePositives = new long[n];
        predictedAs = new long[n];
        support = new long[n];
        for (int i : sample) {
            int g = rows.gold(i);
            int p = rows.predicted(i);
            support[g]++;
            if (p != CodedRows.OTHER) {
                predictedAs[p]++;
                if (p == g) {
                    truePositives[g]++;
                }
            }
        }
    }

    double f1(int label) {
        long denominator = predictedAs[label] + support[label];
        return denominator == 0 ? 0 : 2.0 * truePositives[label] / denominator;
    }

    double recall(int label) {
        return support[label] == 0 ? Double.NaN : (double) truePositives[label] / support[label];
    }

    double macroF1() {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < support.length; k++) {
            if (support[k] > 0 || predictedAs[k] > 0) {
                sum += f1(k);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }
}

package dev.kubetune.runner.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, macro-F1, per-label scores and the confusion matrix of predictions against gold labels.
 *
 * @param rows how many predictions were scored
 * @param accuracy right predictions / rows
 * @param macroF1 the unweighted mean of the F1 of every label that occurs among the gold labels or
 *     the predictions (scikit-learn's default label set; predictions outside the label set form no class)
 * @param perClass every label's scores, labels sorted
 * @param confusion the confusion matrix
 */
public record ClassificationMetrics(int rows, double accuracy, double macroF1, Map<String, ClassMetrics> perClass,
        ConfusionMatrix confusion) {

    /**
     * Scores {@code predicted} against {@code gold} (same order, same length).
     *
     * @param labels the allowed labels; the gold labels are added to them
     */
    public static ClassificationMetrics compute(List<String> gold, List<String> predicted, Collection<String> labels) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        TreeSet<String> sorted = new TreeSet<>(labels);
        sorted.addAll(gold);
        List<String> rowLabels = List.copyOf(sorted);
        int other = rowLabels.size();
        long[][] counts = new long[rowLabels.size()][other + 1];
        long right = 0;
        for (int i = 0; i < gold.size(); i++) {
            int column = rowLabels.indexOf(predicted.get(i));
            counts[rowLabels.indexOf(gold.get(i))][column < 0 ? other : column]++;
            right += gold.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        int present = 0;
        for (int k = 0; k < rowLabels.size(); k++) {
            long support = 0;
            long predictedAs = 0;
            for (int j = 0; j < rowLabels.size(); j++) {
                support += counts[k][j];
                predictedAs += counts[j][k];
            }
            support += counts[k][other];
            ClassMetrics metrics = ClassMetrics.of(counts[k][k], predictedAs, support);
            perClass.put(rowLabels.get(k), metrics);
            if (support > 0 || predictedAs > 0) {
                f1Sum += metrics.f1();
                present++;
            }
        }
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : counts) {
            matrix.add(java.util.Arrays.stream(row).boxed().toList());
        }
        List<String> columns = new ArrayList<>(rowLabels);
        columns.add(ConfusionMatrix.OTHER);
        return new ClassificationMetrics(gold.size(), ClassMetrics.ratio(right, gold.size()),
                present == 0 ? 0 : f1Sum / present, perClass, new ConfusionMatrix(rowLabels, columns, matrix));
    }

    /** The headline figures by metric name ({@code accuracy}, {@code macro_f1}), as fold summaries take them. */
    public Map<String, Double> headline() {
        return Map.of("accuracy", accuracy, "macro_f1", macroF1);
    }
}

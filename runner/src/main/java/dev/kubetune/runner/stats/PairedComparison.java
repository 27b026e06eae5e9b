package dev.kubetune.runner.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two arms evaluated on the same rows, paired by row id: the difference A − B in accuracy and macro-F1
 * with paired bootstrap intervals (each resample draws the same rows for both arms), the exact McNemar
 * test on right / wrong, and per-label differences in recall and F1. Rows only one arm has, and rows
 * whose gold label the arms disagree on, are counted and named, not compared.
 *
 * @param a              arm A's name
 * @param b              arm B's name
 * @param sharedRows     rows compared
 * @param onlyInA        ids only arm A has
 * @param onlyInB        ids only arm B has
 * @param goldConflicts  ids both have with different gold labels (left out)
 * @param accuracy       A − B in accuracy, with its interval
 * @param macroF1        A − B in macro-F1, with its interval
 * @param mcnemar        the exact McNemar test on the shared rows
 * @param perClass       per label: support and A − B in recall and F1
 */
public record PairedComparison(String a, String b, int sharedRows, List<String> onlyInA, List<String> onlyInB,
                               List<String> goldConflicts, Interval accuracy, Interval macroF1, McNemar mcnemar,
                               Map<String, ClassDifference> perClass) {

    /** One label's figures in both arms. */
    public record ClassDifference(long support, double recallA, double recallB, double f1A, double f1B) {
        public double f1Difference() {
            return f1A - f1B;
        }

        public double recallDifference() {
            return recallA - recallB;
        }
    }

    public static PairedComparison compare(String nameA, List<ScoredRow> a, String nameB, List<ScoredRow> b,
                                           List<String> labels, Bootstrap bootstrap) {
        Map<String, ScoredRow> byIdB = new HashMap<>();
        b.forEach(r -> byIdB.put(r.id(), r));
        Map<String, ScoredRow> byIdA = new HashMap<>();
        a.forEach(r -> byIdA.put(r.id(), r));
        List<ScoredRow> pairedA = new ArrayList<>();
        List<ScoredRow> pairedB = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (ScoredRow r : a) {
            ScoredRow other = byIdB.get(r.id());
            if (other == null) {
                onlyA.add(r.id());
            } else if (!Objects.equals(r.gold(), other.gold())) {
                conflicts.add(r.id());
            } else {
                pairedA.add(r);
                pairedB.add(other);
            }
        }
        List<String> onlyB = b.stream().map(ScoredRow::id).filter(id -> !byIdA.containsKey(id)).toList();
        List<String> allLabels = new ArrayList<>(labels);
        CodedRows rowsA = new CodedRows(pairedA, allLabels);
        CodedRows rowsB = new CodedRows(pairedB, rowsA.labels());
        int n = pairedA.size();
        Interval accuracy = bootstrap.interval(n, s -> difference(RowMetric.ACCURACY, rowsA, rowsB, s));
        Interval macroF1 = bootstrap.interval(n, s -> difference(RowMetric.MACRO_F1, rowsA, rowsB, s));
        int both = 0;
        int onlyRightA = 0;
        int onlyRightB = 0;
        for (int i = 0; i < n; i++) {
            boolean ra = rowsA.right(i);
            boolean rb = rowsB.right(i);
            both += ra && rb ? 1 : 0;
            onlyRightA += ra && !rb ? 1 : 0;
            onlyRightB += rb && !ra ? 1 : 0;
        }
        int[] all = Bootstrap.identity(n);
        ClassFigures figuresA = new ClassFigures(rowsA, all);
        ClassFigures figuresB = new ClassFigures(rowsB, all);
        Map<String, ClassDifference> perClass = new LinkedHashMap<>();
        for (int k = 0; k < rowsA.labels().size(); k++) {
            perClass.put(rowsA.labels().get(k), new ClassDifference(figuresA.support[k], figuresA.recall(k),
                    figuresB.recall(k), figuresA.f1(k), figuresB.f1(k)));
        }
        return new PairedComparison(nameA, nameB, n, List.copyOf(onlyA), List.copyOf(onlyB), List.copyOf(conflicts),
                accuracy, macroF1, McNemar.of(both, onlyRightA, onlyRightB, n - both - onlyRightA - onlyRightB), perClass);
    }

    private static double difference(RowMetric metric, CodedRows a, CodedRows b, int[] sample) {
        return metric.compute(a, sample) - metric.compute(b, sample);
    }
}

package dev.kubetune.runner.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.runner.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Log-loss, Brier, ECE and ROC-AUC on cases computed by hand. */
class CalibrationTest {

    private static final List<String> AB = List.of("a", "b");

    private static ScoredRow row(String id, String gold, double pa) {
        return new ScoredRow(id, gold, pa >= 0.5 ? "a" : "b", Map.of("a", pa, "b", 1 - pa));
    }

    private static CodedRows rows(ScoredRow... rows) {
        return new CodedRows(List.of(rows), AB);
    }

    @Test
    void expectedCalibrationErrorByHand() {
        // confidences 0.9 (right), 0.8 (wrong), 0.6 (right), 0.7 (right): one row per bin
        CodedRows rows = rows(row("1", "a", 0.9), row("2", "b", 0.8), row("3", "a", 0.6), row("4", "b", 0.3));
        int[] all = Bootstrap.identity(4);
        assertThat(Calibration.expectedCalibrationError(rows, all)).isCloseTo((0.1 + 0.8 + 0.4 + 0.3) / 4, within(1e-12));
        // two rows in (0.9, 1]: confidences 0.92 and 0.98, one right → |0.5 − 0.95| weighs 2/6
        CodedRows shared = rows(row("1", "a", 0.9), row("2", "b", 0.8), row("3", "a", 0.6), row("4", "b", 0.3),
                row("5", "a", 0.92), row("6", "b", 0.98));
        double expected = (0.1 + 0.8 + 0.4 + 0.3) / 6 + 2.0 / 6 * 0.45;
        assertThat(Calibration.expectedCalibrationError(shared, Bootstrap.identity(6))).isCloseTo(expected, within(1e-12));
        List<Calibration.Bin> bins = Calibration.reliability(shared, Bootstrap.identity(6));
        assertThat(bins).hasSize(5);
        Calibration.Bin top = bins.get(bins.size() - 1);
        assertThat(top.lower()).isEqualTo(0.9);
        assertThat(top.rows()).isEqualTo(2);
        assertThat(top.confidence()).isCloseTo(0.95, within(1e-12));
        assertThat(top.accuracy()).isEqualTo(0.5);
    }

    @Test
    void confidenceOnABinEdgeFallsInTheLowerBin() {
        CodedRows rows = rows(row("1", "a", 0.7), row("2", "a", 0.3));   // 0.3 * 10 is not exactly 3 in doubles
        List<Calibration.Bin> bins = Calibration.reliability(rows, Bootstrap.identity(2));
        assertThat(bins).singleElement().satisfies(b -> {
            assertThat(b.lower()).isCloseTo(0.6, within(1e-12));
            assertThat(b.rows()).isEqualTo(2);
        });
    }

    @Test
    void rocAucByHand() {
        // p(a): positives 0.9, 0.6; negatives 0.8, 0.3 → 3 of 4 pairs ordered right
        CodedRows rows = rows(row("1", "a", 0.9), row("2", "a", 0.6), row("3", "b", 0.8), row("4", "b", 0.3));
        assertThat(Calibration.rocAuc(rows, Bootstrap.identity(4), 0)).isCloseTo(0.75, within(1e-12));
        assertThat(Calibration.rocAucMacro(rows, Bootstrap.identity(4))).isCloseTo(0.75, within(1e-12));
        // a tie between a positive and a negative counts one half
        CodedRows tied = rows(row("1", "a", 0.5), row("2", "b", 0.5), row("3", "a", 0.9));
        assertThat(Calibration.rocAuc(tied, Bootstrap.identity(3), 0)).isCloseTo((0.5 + 1) / 2, within(1e-12));
    }

    @Test
    void labelsWithoutPositivesAreLeftOutOfTheMacroMean() {
        List<String> abc = List.of("a", "b", "c");
        CodedRows rows = new CodedRows(List.of(
                new ScoredRow("1", "a", "a", Map.of("a", 0.7, "b", 0.2, "c", 0.1)),
                new ScoredRow("2", "b", "b", Map.of("a", 0.1, "b", 0.6, "c", 0.3)),
                new ScoredRow("3", "b", "a", Map.of("a", 0.5, "b", 0.4, "c", 0.1))), abc);
        // a: positive 0.7 vs negatives 0.1, 0.5 → 1; b: positives 0.6, 0.4 vs negative 0.2 → 1; c has no positive
        assertThat(Calibration.rocAucMacro(rows, Bootstrap.identity(3))).isCloseTo(1.0, within(1e-12));
        assertThat(Calibration.rocAucMacro(rows, new int[] {1, 1})).isNaN();
    }

    @Test
    void logLossAndBrierByHand() {
        CodedRows rows = rows(row("1", "a", 0.9), row("2", "b", 0.8));
        int[] all = Bootstrap.identity(2);
        assertThat(Calibration.logLoss(rows, all)).isCloseTo((-Math.log(0.9) - Math.log(0.2)) / 2, within(1e-12));
        // (0.1² + 0.1²) and (0.8² + 0.8²)
        assertThat(Calibration.brier(rows, all)).isCloseTo((0.02 + 1.28) / 2, within(1e-12));
        CodedRows certainWrong = rows(new ScoredRow("1", "a", "b", Map.of("a", 0.0, "b", 1.0)));
        assertThat(Calibration.logLoss(certainWrong, new int[] {0})).isCloseTo(-Math.log(Calibration.EPS), within(1e-9));
    }

    @Test
    void macroF1OverASampleEqualsClassificationMetrics() {
        Random random = new Random(3);
        List<String> labels = List.of("x", "y", "z");
        for (int trial = 0; trial < 20; trial++) {
            List<ScoredRow> rows = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int p = random.nextInt(4);
                rows.add(new ScoredRow("r" + i, labels.get(random.nextInt(3)), p == 3 ? "unlisted" : labels.get(p), null));
            }
            ClassificationMetrics expected = ClassificationMetrics.compute(rows.stream().map(ScoredRow::gold).toList(),
                    rows.stream().map(ScoredRow::predicted).toList(), labels);
            CodedRows coded = new CodedRows(rows, labels);
            int[] all = Bootstrap.identity(rows.size());
            assertThat(RowMetric.MACRO_F1.compute(coded, all)).isCloseTo(expected.macroF1(), within(1e-12));
            assertThat(RowMetric.ACCURACY.compute(coded, all)).isCloseTo(expected.accuracy(), within(1e-12));
        }
    }
}

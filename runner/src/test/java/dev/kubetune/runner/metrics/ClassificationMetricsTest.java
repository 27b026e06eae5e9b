package dev.kubetune.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    //              a  a  a  b  b  c
    // predicted    a  a  b  b  x  c     (x is outside the label set)
    private final ClassificationMetrics metrics = ClassificationMetrics.compute(
            List.of("a", "a", "a", "b", "b", "c"), List.of("a", "a", "b", "b", "x", "c"), List.of("c", "b", "a", "d"));

    @Test
    void accuracyAndMacroF1ByHand() {
        assertThat(metrics.rows()).isEqualTo(6);
        assertThat(metrics.accuracy()).isCloseTo(4.0 / 6, within(EPS));
        // F1: a = 2·1·(2/3)/(1+2/3) = 0.8, b = 0.5, c = 1; d never occurs and is left out of the mean
        assertThat(metrics.macroF1()).isCloseTo((0.8 + 0.5 + 1.0) / 3, within(EPS));
    }

    @Test
    void perClassScoresByHand() {
        assertThat(metrics.perClass()).containsOnlyKeys("a", "b", "c", "d");
        ClassMetrics a = metrics.perClass().get("a");
        assertThat(a.precision()).isCloseTo(1.0, within(EPS));
        assertThat(a.recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(a.f1()).isCloseTo(0.8, within(EPS));
        assertThat(a.support()).isEqualTo(3);
        ClassMetrics b = metrics.perClass().get("b");
        assertThat(b.precision()).isCloseTo(0.5, within(EPS));
        assertThat(b.recall()).isCloseTo(0.5, within(EPS));
        assertThat(metrics.perClass().get("d")).isEqualTo(new ClassMetrics(0, 0, 0, 0));
    }

    @Test
    void confusionMatrixHasSortedLabelsAndOtherColumn() {
        ConfusionMatrix confusion = metrics.confusion();
        assertThat(confusion.labels()).containsExactly("a", "b", "c", "d");
        assertThat(confusion.columns()).containsExactly("a", "b", "c", "d", "other");
        assertThat(confusion.counts()).containsExactly(
                List.of(2L, 1L, 0L, 0L, 0L),
                List.of(0L, 1L, 0L, 0L, 1L),
                List.of(0L, 0L, 1L, 0L, 0L),
                List.of(0L, 0L, 0L, 0L, 0L));
        assertThat(confusion.count("b", "other")).isEqualTo(1);
    }

    @Test
    void goldLabelsJoinTheLabelSetAndHeadlineNamesMetrics() {
        ClassificationMetrics m = ClassificationMetrics.compute(List.of("z"), List.of("z"), List.of());
        assertThat(m.confusion().labels()).containsExactly("z");
        assertThat(m.headline()).containsEntry("accuracy", 1.0).containsEntry("macro_f1", 1.0);
        assertThatThrownBy(() -> ClassificationMetrics.compute(List.of("a"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.kubetune.runner.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static ScoredRow r(String id, String gold, String predicted) {
        return new ScoredRow(id, gold, predicted, null);
    }

    @Test
    void pairsRowsByIdAndNamesTheRowsNotShared() {
        List<ScoredRow> a = new ArrayList<>();
        List<ScoredRow> b = new ArrayList<>();
        // 12 shared rows: A right on all, B right on the first 2 → McNemar b = 10, c = 0
        for (int i = 0; i < 12; i++) {
            String gold = i % 2 == 0 ? "x" : "y";
            a.add(r("id" + i, gold, gold));
            b.add(r("id" + i, gold, i < 2 ? gold : null));
        }
        a.add(r("onlyA", "x", "x"));
        b.add(0, r("onlyB", "y", "y"));
        a.add(r("clash", "x", "x"));
        b.add(r("clash", "y", "y"));
        PairedComparison c = PairedComparison.compare("A", a, "B", b, List.of("x", "y"), new Bootstrap(1000, 1));
        assertThat(c.sharedRows()).isEqualTo(12);
        assertThat(c.onlyInA()).containsExactly("onlyA");
        assertThat(c.onlyInB()).containsExactly("onlyB");
        assertThat(c.goldConflicts()).containsExactly("clash");
        assertThat(c.accuracy().estimate()).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(c.accuracy().low()).isGreaterThan(0.5);
        assertThat(c.accuracy().high()).isLessThanOrEqualTo(1.0);
        assertThat(c.mcnemar().onlyA()).isEqualTo(10);
        assertThat(c.mcnemar().onlyB()).isZero();
        assertThat(c.mcnemar().bothRight()).isEqualTo(2);
        assertThat(c.mcnemar().pValue()).isCloseTo(2.0 / 1024, within(1e-12));
        assertThat(c.perClass().get("x").recallA()).isEqualTo(1.0);
        assertThat(c.perClass().get("x").recallB()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(c.perClass().get("x").support()).isEqualTo(6);
    }

    @Test
    void identicalArmsDifferByNothing() {
        List<ScoredRow> a = List.of(r("1", "x", "x"), r("2", "y", "x"), r("3", "y", "y"));
        PairedComparison c = PairedComparison.compare("A", a, "B", a, List.of("x", "y"), Bootstrap.DEFAULT);
        assertThat(c.accuracy()).isEqualTo(new Interval(0, 0, 0));
        assertThat(c.macroF1()).isEqualTo(new Interval(0, 0, 0));
        assertThat(c.mcnemar().pValue()).isEqualTo(1.0);
    }
}

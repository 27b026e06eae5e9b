package dev.kubetune.runner.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Exact McNemar p-values against binomial tails worked out by hand. */
class McNemarTest {

    @Test
    void twoSidedPValueIsTwiceTheSmallerBinomialTail() {
        // b = 1, c = 5: n = 6, P(X ≤ 1) = (C(6,0) + C(6,1)) / 2^6 = 7/64
        assertThat(McNemar.exactP(1, 5)).isCloseTo(14.0 / 64, within(1e-12));
        assertThat(McNemar.exactP(5, 1)).isCloseTo(14.0 / 64, within(1e-12));
        // b = 2, c = 8: (1 + 10 + 45) / 1024
        assertThat(McNemar.exactP(2, 8)).isCloseTo(112.0 / 1024, within(1e-12));
        // b = 0, c = 10: 2 / 1024
        assertThat(McNemar.exactP(0, 10)).isCloseTo(2.0 / 1024, within(1e-15));
    }

    @Test
    void balancedOrNoDiscordantRowsGiveOne() {
        assertThat(McNemar.exactP(3, 3)).isEqualTo(1.0);
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
    }

    @Test
    void largeTablesStayFiniteAndSymmetric() {
        double p = McNemar.exactP(4_900, 5_100);
        assertThat(p).isBetween(0.0, 1.0).isCloseTo(McNemar.exactP(5_100, 4_900), within(1e-12));
        // normal approximation with continuity correction: z = (|b - c| - 1) / sqrt(b + c) = 1.99 → p ≈ 0.0466
        assertThat(p).isCloseTo(0.0466, within(0.002));
    }

    @Test
    void tableKeepsItsCounts() {
        McNemar m = McNemar.of(10, 1, 5, 4);
        assertThat(m.bothRight()).isEqualTo(10);
        assertThat(m.bothWrong()).isEqualTo(4);
        assertThat(m.pValue()).isCloseTo(14.0 / 64, within(1e-12));
    }
}

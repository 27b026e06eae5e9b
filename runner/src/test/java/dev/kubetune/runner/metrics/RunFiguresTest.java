package dev.kubetune.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

    @Test
    void nearestRankPercentiles() {
        LatencyStats stats = LatencyStats.of(List.of(100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0));
        assertThat(stats.count()).isEqualTo(10);
        assertThat(stats.meanMs()).isEqualTo(55.0);
        assertThat(stats.p50Ms()).isEqualTo(50.0);  // rank ⌈0.5·10⌉ = 5
        assertThat(stats.p95Ms()).isEqualTo(100.0); // rank ⌈0.95·10⌉ = 10
        assertThat(stats.maxMs()).isEqualTo(100.0);
        LatencyStats three = LatencyStats.of(List.of(5.0, 1.0, 3.0));
        assertThat(three.p50Ms()).isEqualTo(3.0);   // rank ⌈1.5⌉ = 2
        assertThat(three.p95Ms()).isEqualTo(5.0);   // rank ⌈2.85⌉ = 3
        assertThat(LatencyStats.of(List.of())).isEqualTo(LatencyStats.NONE);
    }

    @Test
    void tokensPerSecond() {
        assertThat(LatencyStats.tokensPerSecond(300, 1.5)).isEqualTo(200.0);
        assertThat(LatencyStats.tokensPerSecond(300, 0)).isZero();
    }

    @Test
    void peakMemoryReadsVmHwm() {
        assertThat(PeakMemory.vmHwmBytes(List.of("Name:\tjava", "VmPeak:\t  999 kB", "VmHWM:\t    2048 kB")))
                .isEqualTo(2048L * 1024);
        assertThat(PeakMemory.vmHwmBytes(List.of("Name:\tjava"))).isNull();
        PeakMemory now = PeakMemory.measure();
        assertThat(now.heapBytes()).isPositive();
        if (now.rssBytes() != null) {
            assertThat(now.rssBytes()).isPositive();
        }
    }
}

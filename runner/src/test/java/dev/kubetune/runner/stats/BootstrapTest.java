package dev.kubetune.runner.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The seeded bootstrap against the exact bootstrap distribution, enumerated over every resample of tiny data. */
class BootstrapTest {

    private static final int[] RIGHT = {0, 1, 1, 1};

    private static double accuracy(int[] right, int[] sample) {
        double sum = 0;
        for (int i : sample) {
            sum += right[i];
        }
        return sum / sample.length;
    }

    @Test
    void resampledDistributionMatchesEnumeration() {
        int n = RIGHT.length;
        List<Double> exact = enumerate(n, s -> accuracy(RIGHT, s));
        Bootstrap bootstrap = new Bootstrap(40_000, 11);
        double[] drawn = bootstrap.distribution(n, s -> accuracy(RIGHT, s));
        Map<Double, Double> exactShare = shares(exact.stream().mapToDouble(Double::doubleValue).toArray());
        Map<Double, Double> drawnShare = shares(drawn);
        assertThat(drawnShare.keySet()).isEqualTo(exactShare.keySet());
        exactShare.forEach((value, share) -> assertThat(drawnShare.get(value)).as("P(%s)", value).isCloseTo(share, within(0.01)));
        // exact shares by hand: zeros drawn ~ Binomial(4, 1/4)
        assertThat(exactShare.get(0.0)).isCloseTo(1 / 256.0, within(1e-12));
        assertThat(exactShare.get(1.0)).isCloseTo(81 / 256.0, within(1e-12));

        double[] sortedExact = exact.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Interval interval = bootstrap.interval(n, s -> accuracy(RIGHT, s));
        assertThat(interval.estimate()).isEqualTo(0.75);
        assertThat(interval.low()).isEqualTo(Bootstrap.percentile(sortedExact, 0.025)).isEqualTo(0.25);
        assertThat(interval.high()).isEqualTo(Bootstrap.percentile(sortedExact, 0.975)).isEqualTo(1.0);
    }

    @Test
    void pairedResamplesDrawTheSameRowsForBothArms() {
        int[] a = {1, 1, 0};
        int[] b = {0, 1, 0};
        List<Double> exact = enumerate(3, s -> accuracy(a, s) - accuracy(b, s));
        double[] drawn = new Bootstrap(30_000, 3).distribution(3, s -> accuracy(a, s) - accuracy(b, s));
        Map<Double, Double> exactShare = shares(exact.stream().mapToDouble(Double::doubleValue).toArray());
        Map<Double, Double> drawnShare = shares(drawn);
        // paired: the difference is the share of row 0 drawn, never negative; unpaired draws would give negatives
        assertThat(drawn[0]).isGreaterThanOrEqualTo(0.0);
        assertThat(drawnShare.keySet()).isEqualTo(exactShare.keySet());
        exactShare.forEach((value, share) -> assertThat(drawnShare.get(value)).isCloseTo(share, within(0.01)));
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherDraws() {
        int[] right = new int[50];
        for (int i = 0; i < right.length; i += 3) {
            right[i] = 1;
        }
        Interval one = new Bootstrap(500, 5).interval(50, s -> accuracy(right, s));
        assertThat(new Bootstrap(500, 5).interval(50, s -> accuracy(right, s))).isEqualTo(one);
        assertThat(new Bootstrap(500, 5).distribution(50, s -> accuracy(right, s)))
                .isNotEqualTo(new Bootstrap(500, 6).distribution(50, s -> accuracy(right, s)));
        assertThat(one.low()).isLessThan(one.estimate());
        assertThat(one.high()).isGreaterThan(one.estimate());
    }

    @Test
    void undefinedResamplesAreLeftOut() {
        double[] values = new Bootstrap(100, 1).distribution(2, s -> s[0] == s[1] ? Double.NaN : 1.0);
        assertThat(values).isNotEmpty().containsOnly(1.0).hasSizeLessThan(100);
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(2.5);   // numpy.percentile([1,2,3,4], 50)
        assertThat(Bootstrap.percentile(sorted, 0.025)).isCloseTo(1.075, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 1.0)).isEqualTo(4.0);
    }

    /** The statistic on every one of the n^n equally likely resamples. */
    private static List<Double> enumerate(int n, java.util.function.ToDoubleFunction<int[]> statistic) {
        List<Double> out = new ArrayList<>();
        int total = (int) Math.pow(n, n);
        for (int code = 0; code < total; code++) {
            int[] sample = new int[n];
            int c = code;
            for (int i = 0; i < n; i++) {
                sample[i] = c % n;
                c /= n;
            }
            out.add(statistic.applyAsDouble(sample));
        }
        return out;
    }

    private static Map<Double, Double> shares(double[] values) {
        Map<Double, Double> out = new TreeMap<>();
        for (double v : values) {
            out.merge(Math.round(v * 1e9) / 1e9, 1.0 / values.length, Double::sum);
        }
        return out;
    }
}

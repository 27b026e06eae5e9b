package dev.kubetune.runner.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The nonparametric bootstrap over rows: {@code resamples} samples of n row indices drawn with
 * replacement by {@link SplittableRandom} seeded with {@code seed}, a statistic computed on each, and the
 * 2.5th and 97.5th percentiles of those values (linear interpolation between order statistics, as
 * numpy's default) as the 95% interval. The same seed draws the same samples, so a report is reproducible;
 * a paired comparison hands the same samples to both arms' rows. Resamples where the statistic is
 * undefined (NaN, e.g. ROC-AUC with one class drawn) are left out of the percentiles.
 *
 * @param resamples how many samples (default {@link #DEFAULT_RESAMPLES})
 * @param seed      the generator's seed (default {@link #DEFAULT_SEED})
 */
public record Bootstrap(int resamples, long seed) {

    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 7;
    public static final Bootstrap DEFAULT = new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED);

    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be ≥ 1, not " + resamples);
        }
    }

    /** The statistic on all n rows and its 95% percentile interval. */
    public Interval interval(int n, ToDoubleFunction<int[]> statistic) {
        double estimate = statistic.applyAsDouble(identity(n));
        double[] values = distribution(n, statistic);
        if (values.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        return new Interval(estimate, percentile(values, 0.025), percentile(values, 0.975));
    }

    /** The statistic on each resample, defined values only, sorted. */
    public double[] distribution(int n, ToDoubleFunction<int[]> statistic) {
        if (n == 0) {
            return new double[0];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int defined = 0;
        int[] sample = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            double v = statistic.applyAsDouble(sample);
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        double[] out = Arrays.copyOf(values, defined);
        Arrays.sort(out);
        return out;
    }

    /** Every row once, in order. */
    public static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics (numpy's "linear"). */
    public static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

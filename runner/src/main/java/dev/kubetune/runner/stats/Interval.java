package dev.kubetune.runner.stats;

import java.util.Locale;

/**
 * A point estimate with a confidence interval.
 *
 * @param estimate the statistic on the rows themselves
 * @param low      the interval's lower end
 * @param high     the interval's upper end
 */
public record Interval(double estimate, double low, double high) {

    /** "0.804 [0.752, 0.850]". */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", estimate, low, high);
    }

    /** Whether the interval leaves out {@code value} (a difference's interval leaving out 0). */
    public boolean excludes(double value) {
        return value < low || value > high;
    }
}

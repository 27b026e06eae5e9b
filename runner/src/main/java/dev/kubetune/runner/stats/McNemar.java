package dev.kubetune.runner.stats;

/**
 * The exact McNemar test on paired right / wrong outcomes: under the null hypothesis that both arms
 * are equally accurate, each discordant row (one arm right, the other wrong) goes either way with
 * probability ½, so {@code onlyA} is Binomial(onlyA + onlyB, ½). The two-sided p-value is twice the
 * smaller tail, capped at 1 (1 when no row is discordant).
 *
 * @param bothRight rows both arms got right
 * @param onlyA     rows only arm A got right
 * @param onlyB     rows only arm B got right
 * @param bothWrong rows both arms got wrong
 * @param pValue    the exact two-sided p-value
 */
public record McNemar(int bothRight, int onlyA, int onlyB, int bothWrong, double pValue) {

    public static McNemar of(int bothRight, int onlyA, int onlyB, int bothWrong) {
        return new McNemar(bothRight, onlyA, onlyB, bothWrong, exactP(onlyA, onlyB));
    }

    /** Two-sided exact p-value for b and c discordant pairs. */
    public static double exactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        double tail = 0;
        double logTerm = n * Math.log(0.5);  // log of C(n, 0) / 2^n
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logTerm);
            logTerm += Math.log(n - i) - Math.log(i + 1.0);  // C(n, i+1) = C(n, i) (n - i) / (i + 1)
        }
        return Math.min(1.0, 2 * tail);
    }
}

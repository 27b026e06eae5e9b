package dev.kubetune.api.plan;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014): 64-bit state, a fixed increment and a
 * finaliser. Chosen for the planner because it is a few lines in any language, so any
 * implementation of the runner contract can reproduce a split bit for bit (docs/planner.md).
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, bound): the unsigned 64-bit output modulo bound. */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Fisher–Yates, from the last position down: swap i with nextInt(i + 1). */
    <T> void shuffle(java.util.List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}

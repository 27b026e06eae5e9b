package dev.kubetune.runner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A copy test: each of {@code threads} threads copies its own 128 MiB array into another, several
 * times; the best pass's bytes moved (read + written) per second. Decoding one token reads every
 * weight once, so weight bytes ÷ this is the floor of a decode step's time.
 */
public final class MemoryBandwidth {

    private static final int LONGS = 16 << 20; // 128 MiB per array

    private MemoryBandwidth() {
    }

    /** Bytes per second, read and written together. */
    public static double measure(int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<long[][]> arrays = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] src = new long[LONGS];
                java.util.Arrays.fill(src, t + 1);
                arrays.add(new long[][] {src, new long[LONGS]});
            }
            double best = 0;
            for (int pass = 0; pass < 8; pass++) {
                List<Future<?>> done = new ArrayList<>();
                long start = System.nanoTime();
                for (long[][] a : arrays) {
                    done.add(pool.submit(() -> System.arraycopy(a[0], 0, a[1], 0, LONGS)));
                }
                for (Future<?> f : done) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, 2.0 * 8 * LONGS * threads / seconds);
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.kubetune.runner.progress;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long step: a live progress bar on a terminal, plain log lines (at most one every few
 * seconds, and the last one) when the output is a file or a pod's log.
 */
public abstract class Progress implements AutoCloseable {

    /** A bar when standard error is a terminal, plain lines to {@code err} otherwise. */
    public static Progress start(String task, long total, String unit) {
        return System.console() != null ? new Bar(task, total, unit) : new Lines(System.err, task, total, unit, 5_000);
    }

    /** Advances by {@code n} and shows {@code extra} (e.g. "loss 1.23 · 840 tok/s"). */
    public abstract void step(long n, String extra);

    @Override
    public abstract void close();

    static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, long total, String unit) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(120).showSpeed().build();
        }

        @Override
        public void step(long n, String extra) {
            bar.stepBy(n);
            if (extra != null) {
                bar.setExtraMessage(extra);
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines for logs: "infer 120/240 rows (50%) · 0:00:31 · 812 tok/s". */
    static final class Lines extends Progress {
        private final PrintStream out;
        private final String task;
        private final long total;
        private final String unit;
        private final long intervalMillis;
        private final long start = System.nanoTime();
        private long done;
        private long lastPrinted;
        private String extra = "";

        Lines(PrintStream out, String task, long total, String unit, long intervalMillis) {
            this.out = out;
            this.task = task;
            this.total = total;
            this.unit = unit;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public void step(long n, String message) {
            done += n;
            if (message != null) {
                extra = message;
            }
            long now = System.nanoTime();
            if ((now - lastPrinted) / 1_000_000 >= intervalMillis) {
                print(now);
            }
        }

        @Override
        public void close() {
            print(System.nanoTime());
        }

        private void print(long now) {
            lastPrinted = now;
            Duration elapsed = Duration.ofNanos(now - start);
            String percent = total > 0 ? String.format(" (%d%%)", done * 100 / total) : "";
            out.printf("%s %d/%d %s%s · %d:%02d:%02d%s%n", task, done, total, unit, percent, elapsed.toHours(),
                    elapsed.toMinutesPart(), elapsed.toSecondsPart(), extra.isEmpty() ? "" : " · " + extra);
            out.flush();
        }
    }
}

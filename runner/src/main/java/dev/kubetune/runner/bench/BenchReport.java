package dev.kubetune.runner.bench;

import java.util.List;

/**
 * What {@code kubetune bench} measured: per case the medians of the runner's and the reference's runs
 * (reference null when not run) and the bytes of the weights as the runner held them, the copy
 * bandwidth, and each engine's own peak RSS with no model loaded (the JVM with libtorch; Python with torch).
 */
public record BenchReport(List<Row> rows, double copyBytesPerSecond, int threads, int repeat,
                          String cpu, long runnerBaselineBytes, Long referenceBaselineBytes) {

    public record Row(BenchCase benchCase, CaseResult runner, CaseResult reference, long weightBytes) {
    }

    /** Decode tokens/s at which reading every weight of {@code row} once per step takes all the copy bandwidth. */
    public double decodeBound(Row row) {
        return row.benchCase().batch() * copyBytesPerSecond / row.weightBytes();
    }
}

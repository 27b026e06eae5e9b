package dev.kubetune.runner.stats;

import dev.kubetune.api.contract.MetricNames;
import java.util.List;

/**
 * The metrics computed from prediction rows, each over any sample of row indices (so the bootstrap can
 * put an interval on every one). The probability metrics need a probability per label on every row.
 */
public enum RowMetric {
    ACCURACY(MetricNames.ACCURACY, false, true),
    MACRO_F1(MetricNames.MACRO_F1, false, true),
    LOG_LOSS(MetricNames.LOG_LOSS, true, false),
    BRIER(MetricNames.BRIER, true, false),
    ECE(MetricNames.ECE, true, false),
    ROC_AUC(MetricNames.ROC_AUC, true, true);

    private final String metricName;
    private final boolean needsProbabilities;
    private final boolean higherIsBetter;

    RowMetric(String metricName, boolean needsProbabilities, boolean higherIsBetter) {
        this.metricName = metricName;
        this.needsProbabilities = needsProbabilities;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name in status, metrics.json and the report. */
    public String metricName() {
        return metricName;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The metrics these rows support: all of them when every row has probabilities. */
    public static List<RowMetric> applicable(CodedRows rows) {
        return java.util.Arrays.stream(values()).filter(m -> !m.needsProbabilities || rows.hasProbabilities()).toList();
    }

    public double compute(CodedRows rows, int[] sample) {
        if (sample.length == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case ACCURACY -> {
                int right = 0;
                for (int i : sample) {
                    right += rows.right(i) ? 1 : 0;
                }
                yield (double) right / sample.length;
            }
            case MACRO_F1 -> new ClassFigures(rows, sample).macroF1();
            case LOG_LOSS -> Calibration.logLoss(rows, sample);
            case BRIER -> Calibration.brier(rows, sample);
            case ECE -> Calibration.expectedCalibrationError(rows, sample);
            case ROC_AUC -> Calibration.rocAucMacro(rows, sample);
        };
    }
}

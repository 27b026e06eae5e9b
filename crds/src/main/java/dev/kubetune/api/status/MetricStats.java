package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A metric over folds: mean and sample standard deviation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricStats {

    /** Mean and sample standard deviation (n - 1; 0 for a single value) of {@code values}. */
    public static MetricStats of(java.util.List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        MetricStats stats = new MetricStats();
        stats.setMean(mean);
        stats.setStd(values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0.0);
        return stats;
    }

    @JsonPropertyDescription("Mean over the succeeded folds.")
    private double mean;

    @JsonPropertyDescription("Sample standard deviation (n - 1) over the succeeded folds; 0 with one fold.")
    private double std;

    public double getMean() {
        return mean;
    }

    public void setMean(double mean) {
        this.mean = mean;
    }

    public double getStd() {
        return std;
    }

    public void setStd(double std) {
        this.std = std;
    }
}

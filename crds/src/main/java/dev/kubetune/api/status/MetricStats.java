package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A metric over folds: mean and sample standard deviation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricStats {

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

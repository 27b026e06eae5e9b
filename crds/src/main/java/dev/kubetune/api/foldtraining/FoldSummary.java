package dev.kubetune.api.foldtraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.MetricStats;
import java.util.Map;

/**
 * Results over folds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FoldSummary {

    @JsonPropertyDescription("Folds that finished.")
    private int foldsSucceeded;

    @JsonPropertyDescription("Folds in all (k).")
    private int foldsTotal;

    @JsonPropertyDescription("Each metric's mean and std over the succeeded folds.")
    private Map<String, MetricStats> metrics;

    @JsonPropertyDescription("The fold with the highest main metric.")
    private Integer bestFold;

    @JsonPropertyDescription("Rows whose text was cut to fit prompt.maxInputTokens, summed over the succeeded folds' "
            + "truncatedRows (a row counts once in each fold that trained on it, validated on it or held it out).")
    private Integer truncatedRows;

    public int getFoldsSucceeded() {
        return foldsSucceeded;
    }

    public void setFoldsSucceeded(int foldsSucceeded) {
        this.foldsSucceeded = foldsSucceeded;
    }

    public int getFoldsTotal() {
        return foldsTotal;
    }

    public void setFoldsTotal(int foldsTotal) {
        this.foldsTotal = foldsTotal;
    }

    public Map<String, MetricStats> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, MetricStats> metrics) {
        this.metrics = metrics;
    }

    public Integer getBestFold() {
        return bestFold;
    }

    public void setBestFold(Integer bestFold) {
        this.bestFold = bestFold;
    }

    public Integer getTruncatedRows() {
        return truncatedRows;
    }

    public void setTruncatedRows(Integer truncatedRows) {
        this.truncatedRows = truncatedRows;
    }
}

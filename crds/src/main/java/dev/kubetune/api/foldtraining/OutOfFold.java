package dev.kubetune.api.foldtraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * The FoldTraining's out-of-fold result: every selected row predicted once, by the fold whose adapter
 * never saw it, scored as one set (not averaged over folds).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutOfFold {

    @JsonPropertyDescription("Rows predicted by the succeeded folds (all selected rows once every fold succeeded).")
    private Integer rows;

    @JsonPropertyDescription("Metrics over those rows pooled exactly from the folds' counts: accuracy, macro_f1, "
            + "weighted_f1, and log_loss and brier with likelihood scoring. ece and roc_auc do not pool from per-fold "
            + "figures: kubetune report computes them, with intervals, from the predictions file.")
    private Map<String, Double> metrics;

    @JsonPropertyDescription("The out-of-fold predictions file inside the output volume (each row with its fold), "
            + "assembled from the folds' predictions by kubetune run, or by kubetune report --artifacts on a cluster.")
    private String predictions;

    public Integer getRows() {
        return rows;
    }

    public void setRows(Integer rows) {
        this.rows = rows;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public String getPredictions() {
        return predictions;
    }

    public void setPredictions(String predictions) {
        this.predictions = predictions;
    }
}

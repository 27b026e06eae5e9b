package dev.kubetune.api.foldtraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.ExperimentStatus;
import dev.kubetune.api.status.MainMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * Observed state of a FoldTraining.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FoldTrainingStatus extends ExperimentStatus {

    @JsonPropertyDescription("Folds succeeded / total, e.g. 2/5.")
    private String progress;

    @JsonPropertyDescription("One entry per fold.")
    private List<FoldStatus> folds = new ArrayList<>();

    @JsonPropertyDescription("Results over the succeeded folds.")
    private FoldSummary summary;

    @JsonPropertyDescription("Every row predicted once by the fold that did not train on it, scored as one set.")
    private OutOfFold outOfFold;

    @JsonPropertyDescription("The main metric's mean over folds.")
    private MainMetric mainMetric;

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public List<FoldStatus> getFolds() {
        return folds;
    }

    public void setFolds(List<FoldStatus> folds) {
        this.folds = folds;
    }

    public FoldSummary getSummary() {
        return summary;
    }

    public void setSummary(FoldSummary summary) {
        this.summary = summary;
    }

    public OutOfFold getOutOfFold() {
        return outOfFold;
    }

    public void setOutOfFold(OutOfFold outOfFold) {
        this.outOfFold = outOfFold;
    }

    public MainMetric getMainMetric() {
        return mainMetric;
    }

    public void setMainMetric(MainMetric mainMetric) {
        this.mainMetric = mainMetric;
    }
}

package dev.kubetune.api.foldtraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.AdapterArtifact;
import dev.kubetune.api.status.UnitStatus;

/**
 * The state and results of one fold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FoldStatus extends UnitStatus {

    @JsonPropertyDescription("The fold's trained adapter.")
    private AdapterArtifact adapter;

    @JsonPropertyDescription("Rows the adapter was trained on.")
    private Integer trainRows;

    @JsonPropertyDescription("Rows held out from training for validation loss.")
    private Integer validationRows;

    @JsonPropertyDescription("Rows of the held-out fold.")
    private Integer testRows;

    @JsonPropertyDescription("Predictions on the held-out fold, inside the output volume.")
    private String predictions;

    public AdapterArtifact getAdapter() {
        return adapter;
    }

    public void setAdapter(AdapterArtifact adapter) {
        this.adapter = adapter;
    }

    public Integer getTrainRows() {
        return trainRows;
    }

    public void setTrainRows(Integer trainRows) {
        this.trainRows = trainRows;
    }

    public Integer getValidationRows() {
        return validationRows;
    }

    public void setValidationRows(Integer validationRows) {
        this.validationRows = validationRows;
    }

    public Integer getTestRows() {
        return testRows;
    }

    public void setTestRows(Integer testRows) {
        this.testRows = testRows;
    }

    public String getPredictions() {
        return predictions;
    }

    public void setPredictions(String predictions) {
        this.predictions = predictions;
    }

    /** Records what a succeeded fold's result says about its artifacts and rows. */
    @Override
    public void recordArtifacts(dev.kubetune.api.contract.RunnerResult result) {
        if (result.adapterPath() != null) {
            AdapterArtifact artifact = new AdapterArtifact();
            artifact.setPath(result.adapterPath());
            artifact.setSizeBytes(result.adapterBytes());
            setAdapter(artifact);
        }
        setTrainRows(result.trainRows());
        setValidationRows(result.validationRows());
        setTestRows(result.rows());
        setPredictions(result.predictionsPath());
    }
}

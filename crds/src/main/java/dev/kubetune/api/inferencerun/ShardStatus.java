package dev.kubetune.api.inferencerun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.UnitStatus;

/**
 * The state and results of one shard.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShardStatus extends UnitStatus {

    @JsonPropertyDescription("Rows of this shard.")
    private Integer rows;

    @JsonPropertyDescription("The shard's predictions file inside the output volume.")
    private String predictions;

    public Integer getRows() {
        return rows;
    }

    public void setRows(Integer rows) {
        this.rows = rows;
    }

    public String getPredictions() {
        return predictions;
    }

    public void setPredictions(String predictions) {
        this.predictions = predictions;
    }

    /** Records what a succeeded shard's result says about its rows and predictions. */
    @Override
    public void recordArtifacts(dev.kubetune.api.contract.RunnerResult result) {
        setRows(result.rows());
        setPredictions(result.predictionsPath());
    }
}

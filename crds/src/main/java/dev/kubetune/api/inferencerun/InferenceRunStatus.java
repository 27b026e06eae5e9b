package dev.kubetune.api.inferencerun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.ExperimentStatus;
import dev.kubetune.api.status.MainMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Observed state of an InferenceRun.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceRunStatus extends ExperimentStatus {

    @JsonPropertyDescription("Shards succeeded / total, e.g. 3/4.")
    private String progress;

    @JsonPropertyDescription("Rows predicted so far.")
    private Integer rows;

    @JsonPropertyDescription("The adapter folder used, once resolved (fromFoldTraining).")
    private String adapter;

    @JsonPropertyDescription("One entry per shard.")
    private List<ShardStatus> shards = new ArrayList<>();

    @JsonPropertyDescription("Metrics over all rows: accuracy / macro_f1 when labelled, rows, tokens_per_second, latency_p50_ms, latency_p95_ms, peak_memory_bytes.")
    private Map<String, Double> metrics;

    @JsonPropertyDescription("Rows this run scored that its adapter's fold trained on (adapter from a FoldTraining fold, "
            + "or a folder beside the fold's train_ids.json). Above 0 the metrics are not an honest estimate: the "
            + "report flags the run and keeps it out of comparisons.")
    private Integer trainedRows;

    @JsonPropertyDescription("Rows whose text was cut to fit prompt.maxInputTokens, summed over the succeeded shards.")
    private Integer truncatedRows;

    @JsonPropertyDescription("The main metric over all rows.")
    private MainMetric mainMetric;

    @JsonPropertyDescription("Predictions files, inside the output volume, in row order.")
    private List<String> outputs;

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public Integer getRows() {
        return rows;
    }

    public void setRows(Integer rows) {
        this.rows = rows;
    }

    public String getAdapter() {
        return adapter;
    }

    public void setAdapter(String adapter) {
        this.adapter = adapter;
    }

    public List<ShardStatus> getShards() {
        return shards;
    }

    public void setShards(List<ShardStatus> shards) {
        this.shards = shards;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public Integer getTrainedRows() {
        return trainedRows;
    }

    public void setTrainedRows(Integer trainedRows) {
        this.trainedRows = trainedRows;
    }

    public MainMetric getMainMetric() {
        return mainMetric;
    }

    public void setMainMetric(MainMetric mainMetric) {
        this.mainMetric = mainMetric;
    }

    public List<String> getOutputs() {
        return outputs;
    }

    public void setOutputs(List<String> outputs) {
        this.outputs = outputs;
    }

    public Integer getTruncatedRows() {
        return truncatedRows;
    }

    public void setTruncatedRows(Integer truncatedRows) {
        this.truncatedRows = truncatedRows;
    }
}

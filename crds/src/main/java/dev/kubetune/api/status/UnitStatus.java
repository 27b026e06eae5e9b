package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.status.UnitPhase;
import java.util.Map;

/**
 * The state of one work unit (a fold or a shard) and its Job.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnitStatus {

    @JsonPropertyDescription("The fold or shard index.")
    private int index;

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private UnitPhase phase;

    @JsonPropertyDescription("Name of the unit's Job.")
    private String job;

    @JsonPropertyDescription("Pods started for this unit so far.")
    private Integer attempts;

    @JsonPropertyDescription("When the unit started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the unit finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("The unit's scalar metrics (accuracy, macro_f1, rows, tokens_per_second, latency_p50_ms...).")
    private Map<String, Double> metrics;

    @JsonPropertyDescription("Rows whose text was cut to fit prompt.maxInputTokens (a fold: its training and held-out rows).")
    private Integer truncatedRows;

    @JsonPropertyDescription("Why the unit failed (CamelCase reason).")
    private String failureReason;

    @JsonPropertyDescription("A short human-readable message about the unit.")
    private String message;

    public int getIndex() {
        return index;
    }

    public void setIndex(int index) {
        this.index = index;
    }

    public UnitPhase getPhase() {
        return phase;
    }

    public void setPhase(UnitPhase phase) {
        this.phase = phase;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public Integer getAttempts() {
        return attempts;
    }

    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public Integer getTruncatedRows() {
        return truncatedRows;
    }

    public void setTruncatedRows(Integer truncatedRows) {
        this.truncatedRows = truncatedRows;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public void setFailureReason(String failureReason) {
        this.failureReason = failureReason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /** Records what a succeeded unit's result says about its artifacts and rows (folds and shards say which). */
    public void recordArtifacts(dev.kubetune.api.contract.RunnerResult result) {
    }
}

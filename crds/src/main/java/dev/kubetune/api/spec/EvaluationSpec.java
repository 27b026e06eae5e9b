package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * How held-out or labelled rows are scored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSpec {

    @JsonPropertyDescription("Metrics to report; the first is the main metric (printer column, best fold). log_loss, brier, ece and roc_auc need scoring: likelihood.")
    @Size(min = 1)
    private List<Metric> metrics = java.util.List.of(Metric.ACCURACY, Metric.MACRO_F1);

    @JsonPropertyDescription("generate: generate an answer and extract its label (prompt.extract). likelihood: score "
            + "each of prompt.labels as the continuation of the prompt (one prefill, the labels batched over the shared "
            + "prefix) and predict the most likely; every prediction then carries a probability per label, and log_loss, "
            + "brier, ece and roc_auc can be reported.")
    @Default("generate")
    private Scoring scoring = Scoring.GENERATE;

    @JsonPropertyDescription("Tokens generated per row when evaluating a fold.")
    @Min(1)
    @Default("8")
    private int maxNewTokens = 8;

    @JsonPropertyDescription("Rows per generation batch when evaluating a fold.")
    @Min(1)
    @Default("8")
    private int batchSize = 8;

    public List<Metric> getMetrics() {
        return metrics;
    }

    public void setMetrics(List<Metric> metrics) {
        this.metrics = metrics;
    }

    public Scoring getScoring() {
        return scoring;
    }

    public void setScoring(Scoring scoring) {
        this.scoring = scoring;
    }

    public int getMaxNewTokens() {
        return maxNewTokens;
    }

    public void setMaxNewTokens(int maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}

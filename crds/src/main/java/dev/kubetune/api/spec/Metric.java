package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Evaluation metrics. */
public enum Metric {
    @JsonProperty("accuracy")
    ACCURACY("accuracy"),
    @JsonProperty("macro_f1")
    MACRO_F1("macro_f1"),
    @JsonProperty("weighted_f1")
    WEIGHTED_F1("weighted_f1"),
    @JsonProperty("log_loss")
    LOG_LOSS("log_loss"),
    @JsonProperty("brier")
    BRIER("brier"),
    @JsonProperty("ece")
    ECE("ece"),
    @JsonProperty("roc_auc")
    ROC_AUC("roc_auc");

    private final String value;

    Metric(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

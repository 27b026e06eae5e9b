package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a labelled row is scored: by generating an answer, or by the likelihood of each allowed label. */
public enum Scoring {
    @JsonProperty("generate")
    GENERATE("generate"),
    @JsonProperty("likelihood")
    LIKELIHOOD("likelihood");

    private final String value;

    Scoring(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a completion becomes a label. */
public enum LabelExtraction {
    @JsonProperty("first-word")
    FIRST_WORD("first-word"),
    @JsonProperty("regex")
    REGEX("regex"),
    @JsonProperty("closest")
    CLOSEST("closest");

    private final String value;

    LabelExtraction(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

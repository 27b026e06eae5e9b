package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** File format of a data set. */
public enum DataFormat {
    @JsonProperty("jsonl")
    JSONL("jsonl"),
    @JsonProperty("json")
    JSON("json"),
    @JsonProperty("csv")
    CSV("csv");

    private final String value;

    DataFormat(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

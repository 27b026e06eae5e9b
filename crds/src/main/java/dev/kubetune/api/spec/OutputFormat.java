package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Format of a predictions file. */
public enum OutputFormat {
    @JsonProperty("jsonl")
    JSONL("jsonl"),
    @JsonProperty("json")
    JSON("json"),
    @JsonProperty("csv")
    CSV("csv"),
    @JsonProperty("yaml")
    YAML("yaml");

    private final String value;

    OutputFormat(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

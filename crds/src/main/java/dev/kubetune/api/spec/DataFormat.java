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

    /** The format a file name's extension says: .jsonl / .ndjson, .json, .csv (any case). */
    public static java.util.Optional<DataFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return java.util.Optional.of(JSONL);
        }
        if (name.endsWith(".json")) {
            return java.util.Optional.of(JSON);
        }
        return name.endsWith(".csv") ? java.util.Optional.of(CSV) : java.util.Optional.empty();
    }
}

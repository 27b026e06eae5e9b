package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Compute dtype of the model. */
public enum Dtype {
    @JsonProperty("auto")
    AUTO("auto"),
    @JsonProperty("float32")
    FLOAT32("float32"),
    @JsonProperty("float16")
    FLOAT16("float16"),
    @JsonProperty("bfloat16")
    BFLOAT16("bfloat16");

    private final String value;

    Dtype(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

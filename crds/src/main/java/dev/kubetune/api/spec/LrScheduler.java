package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Learning-rate decay after warm-up. */
public enum LrScheduler {
    @JsonProperty("cosine")
    COSINE("cosine"),
    @JsonProperty("linear")
    LINEAR("linear"),
    @JsonProperty("constant")
    CONSTANT("constant");

    private final String value;

    LrScheduler(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

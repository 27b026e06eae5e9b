package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which part of a data row's text is cut when its prompt is over the input-token limit. */
public enum Truncation {
    /** Keep the text's beginning, cut its end. */
    @JsonProperty("end")
    END("end"),
    /** Keep the text's end, cut its beginning. */
    @JsonProperty("start")
    START("start"),
    /** Keep the beginning and the end, cut the middle. */
    @JsonProperty("middle")
    MIDDLE("middle"),
    /** Cut nothing: a prompt over the limit is bad input. */
    @JsonProperty("error")
    ERROR("error");

    private final String value;

    Truncation(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

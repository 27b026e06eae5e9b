package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * Where artifacts go: <volume>/<namespace>/<name>/<unit>/, and the predictions' format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutputSpec {

    @JsonPropertyDescription("Name of the volume (from spec.volumes) that receives adapters, predictions and metrics.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Default("artifacts")
    private String volume = "artifacts";

    @JsonPropertyDescription("Format of the predictions file.")
    @Default("jsonl")
    private OutputFormat format = OutputFormat.JSONL;

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public OutputFormat getFormat() {
        return format;
    }

    public void setFormat(OutputFormat format) {
        this.format = format;
    }
}

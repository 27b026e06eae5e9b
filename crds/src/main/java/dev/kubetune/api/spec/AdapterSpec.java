package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A PEFT LoRA adapter: a folder in a volume, or a fold of a FoldTraining.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.path) != has(self.fromFoldTraining)", message = "set exactly one of path or fromFoldTraining")
@ValidationRule(value = "!has(self.path) || has(self.volume)", message = "path needs volume")
public class AdapterSpec {

    @JsonPropertyDescription("Name of the volume (from spec.volumes) that holds the adapter folder.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String volume;

    @JsonPropertyDescription("Path of the adapter folder (adapter_config.json, adapter_model.safetensors) inside the volume.")
    private String path;

    @JsonPropertyDescription("Use the adapter of a fold of this FoldTraining; the run waits until it exists.")
    private FoldTrainingRef fromFoldTraining;

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public FoldTrainingRef getFromFoldTraining() {
        return fromFoldTraining;
    }

    public void setFromFoldTraining(FoldTrainingRef fromFoldTraining) {
        this.fromFoldTraining = fromFoldTraining;
    }
}

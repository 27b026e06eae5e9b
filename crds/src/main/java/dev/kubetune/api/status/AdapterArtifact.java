package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A trained PEFT adapter folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdapterArtifact {

    @JsonPropertyDescription("Folder of the adapter inside the output volume.")
    private String path;

    @JsonPropertyDescription("Size of the adapter files in bytes.")
    private Long sizeBytes;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }
}

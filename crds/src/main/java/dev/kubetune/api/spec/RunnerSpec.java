package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.spec.PullPolicy;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/**
 * The container that runs each unit; any image that honours the runner contract (docs/runner-contract.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerSpec {

    @JsonPropertyDescription("Runner image; by default the operator's setting.")
    private String image;

    @JsonPropertyDescription("Image pull policy.")
    private PullPolicy imagePullPolicy;

    @JsonPropertyDescription("Extra environment variables of the runner container.")
    private List<EnvVar> env;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public PullPolicy getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(PullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }
}

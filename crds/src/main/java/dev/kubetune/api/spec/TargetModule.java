package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Linear layers of a decoder block that LoRA can adapt (Hugging Face names). */
public enum TargetModule {
    @JsonProperty("q_proj")
    Q_PROJ("q_proj"),
    @JsonProperty("k_proj")
    K_PROJ("k_proj"),
    @JsonProperty("v_proj")
    V_PROJ("v_proj"),
    @JsonProperty("o_proj")
    O_PROJ("o_proj"),
    @JsonProperty("gate_proj")
    GATE_PROJ("gate_proj"),
    @JsonProperty("up_proj")
    UP_PROJ("up_proj"),
    @JsonProperty("down_proj")
    DOWN_PROJ("down_proj");

    private final String value;

    TargetModule(String value) {
        this.value = value;
    }

    /** The name used in manifests. */
    public String value() {
        return value;
    }
}

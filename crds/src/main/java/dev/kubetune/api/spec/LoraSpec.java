package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Low-rank adapter settings (PEFT LoRA).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoraSpec {

    @JsonPropertyDescription("LoRA rank r.")
    @Min(1)
    @Max(1024)
    @Default("8")
    private int rank = 8;

    @JsonPropertyDescription("LoRA alpha; the update is scaled by alpha / r (alpha / sqrt(r) with useRslora).")
    @Min(0)
    @Default("16.0")
    private double alpha = 16.0;

    @JsonPropertyDescription("Dropout on the LoRA input during training.")
    @Min(0)
    @Max(1)
    @Default("0.0")
    private double dropout = 0.0;

    @JsonPropertyDescription("Linear layers that get an adapter.")
    @Size(min = 1)
    private List<TargetModule> targetModules = java.util.List.of(TargetModule.Q_PROJ, TargetModule.V_PROJ);

    @JsonPropertyDescription("Rank-stabilised LoRA scaling (alpha / sqrt(r)).")
    @Default("false")
    private boolean useRslora = false;

    public int getRank() {
        return rank;
    }

    public void setRank(int rank) {
        this.rank = rank;
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    public double getDropout() {
        return dropout;
    }

    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    public List<TargetModule> getTargetModules() {
        return targetModules;
    }

    public void setTargetModules(List<TargetModule> targetModules) {
        this.targetModules = targetModules;
    }

    public boolean isUseRslora() {
        return useRslora;
    }

    public void setUseRslora(boolean useRslora) {
        this.useRslora = useRslora;
    }
}

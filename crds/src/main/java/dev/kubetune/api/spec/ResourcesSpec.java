package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Compute for each pod (one per fold or shard).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    @JsonPropertyDescription("GPUs per pod (requests = limits of the GPU resource).")
    @Min(0)
    @Default("0")
    private int gpus = 0;

    @JsonPropertyDescription("Extended resource name of the GPUs; by default the operator's setting (nvidia.com/gpu).")
    private String gpuResourceName;

    @JsonPropertyDescription("CPU request (and limit) per pod.")
    private Quantity cpu;

    @JsonPropertyDescription("Memory request (and limit) per pod.")
    private Quantity memory;

    public int getGpus() {
        return gpus;
    }

    public void setGpus(int gpus) {
        this.gpus = gpus;
    }

    public String getGpuResourceName() {
        return gpuResourceName;
    }

    public void setGpuResourceName(String gpuResourceName) {
        this.gpuResourceName = gpuResourceName;
    }

    public Quantity getCpu() {
        return cpu;
    }

    public void setCpu(Quantity cpu) {
        this.cpu = cpu;
    }

    public Quantity getMemory() {
        return memory;
    }

    public void setMemory(Quantity memory) {
        this.memory = memory;
    }
}

package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.spec.Dtype;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Where a Hugging Face model folder is: a path inside one of the resource's volumes.
 * The architecture comes from the folder's config.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {

    @JsonPropertyDescription("Name of the volume (from spec.volumes) that holds the model folder.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String volume;

    @JsonPropertyDescription("Path of the model folder inside the volume (config.json, *.safetensors, tokenizer.json).")
    @Required
    private String path;

    @JsonPropertyDescription("Compute dtype; weights are held in it. auto: the stored dtype on a GPU; on a CPU the stored dtype where the CPU has native instructions for it (bfloat16: AVX512-BF16 or AMX; float16: AVX512-FP16 or AMX-FP16), else float32. bfloat16 and float16 work on CPU and GPU.")
    @Default("auto")
    private Dtype dtype = Dtype.AUTO;

    @JsonPropertyDescription("Quantize the linear layers' weights on load (weight-only): {bits: 8} or {bits: 4, groupSize: 64}. Absent: weights as stored; a published quantized checkpoint is detected from its config.json.")
    private QuantizationSpec quantization;

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

    public Dtype getDtype() {
        return dtype;
    }

    public void setDtype(Dtype dtype) {
        this.dtype = dtype;
    }

    public QuantizationSpec getQuantization() {
        return quantization;
    }

    public void setQuantization(QuantizationSpec quantization) {
        this.quantization = quantization;
    }
}

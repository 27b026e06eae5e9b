package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Weight-only quantization applied when a float checkpoint (float32, bfloat16, float16) is loaded.
 * A checkpoint that is already quantized (bitsandbytes, GPTQ) says so in its config.json and is read as
 * published; this block must then be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.bits == 4 || !has(self.groupSize)", message = "groupSize applies to bits: 4 only (8-bit is per output channel)")
public class QuantizationSpec {

    @JsonPropertyDescription("Bits per weight: 8 (symmetric, one scale per output channel) or 4 (one scale and offset per group of groupSize input columns).")
    @Required
    @ValidationRule(value = "self == 4 || self == 8", message = "must be 4 or 8")
    private Integer bits;

    @JsonPropertyDescription("4-bit only: input columns per quantization group, 16, 32, 64, 128 or 256, dividing every linear layer's input size. Default: 64, and for a layer whose input size is not a multiple of 64 the largest of 32 and 16 that divides it.")
    @ValidationRule(value = "self == 16 || self == 32 || self == 64 || self == 128 || self == 256", message = "must be 16, 32, 64, 128 or 256")
    private Integer groupSize;

    public Integer getBits() {
        return bits;
    }

    public void setBits(Integer bits) {
        this.bits = bits;
    }

    public Integer getGroupSize() {
        return groupSize;
    }

    public void setGroupSize(Integer groupSize) {
        this.groupSize = groupSize;
    }
}

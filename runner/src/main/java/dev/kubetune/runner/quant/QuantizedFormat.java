package dev.kubetune.runner.quant;

/**
 * A published layout of quantized linear weights, as a model folder's config.json
 * ({@code quantization_config}) names it. A format reads a module's tensors exactly as its reference
 * implementation writes them and dequantizes them bit for bit as that implementation does.
 */
public sealed interface QuantizedFormat permits Bnb4Format, Int8Format, GptqFormat {

    /** Whether the weights hold {@code module} ("model.layers.0.mlp.up_proj") in this layout. */
    boolean quantizes(TensorSource tensors, String module);

    /** The module's weight in float32, [out, in]; a tensor of the wrong dtype or size is bad input. */
    DequantizedWeight dequantize(TensorSource tensors, String module);

    /** What the format is, for messages and the dry run ("bitsandbytes 4-bit", "GPTQ 4-bit, group size 128"). */
    String describe();
}

package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A published layout of quantized linear weights, as a model folder's config.json
 * ({@code quantization_config}) names it. A format reads a module's tensors exactly as its reference
 * implementation writes them and holds them quantized; dequantized, they are bit for bit what that
 * implementation computes.
 */
public sealed interface QuantizedFormat permits Bnb4Format, Int8Format, GptqFormat {

    /** Whether the weights hold {@code module} ("model.layers.0.mlp.up_proj") in this layout. */
    boolean quantizes(TensorSource tensors, String module);

    /**
     * The module's weight [out, in], held quantized in {@code manager} (scales in {@code type} where the
     * layout keeps them in the compute dtype); a tensor of the wrong dtype or size is bad input.
     */
    QuantizedLinear load(TensorSource tensors, String module, DataType type, NDManager manager);

    /** What the format is, for messages and the dry run ("bitsandbytes 4-bit", "GPTQ 4-bit, group size 128"). */
    String describe();
}

package dev.kubetune.runner.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Quantized weight layouts made and undone by libtorch, through {@link Kernels}: one call per weight,
 * native speed, no Java copy of the values (a checkpoint quantized on load streams tensor by tensor
 * without ever holding a layer in the Java heap). Results live in the manager of the first array.
 */
public final class WeightCodes {

    private WeightCodes() {
    }

    /**
     * Per group of {@code groupSize} input columns of {@code w} [N, K] (any float dtype):
     * {@code scale = max(max - min, 1e-6) / 15} and {@code zero = min + 8 * scale}, as [K / groupSize, N, 2]
     * in {@code type} — the scales-and-zeros operand of libtorch's int4 packed matmul.
     */
    public static NDArray int4ScalesAndZeros(NDArray w, int groupSize, DataType type) {
        return Kernels.get().tensor("int4_scales_and_zeros", w, groupSize, DtypeGuard.code(type));
    }

    /** {@code q = clamp(round((w - min) / scale), 0, 15)} per group, two codes a byte (even column high): uint8 [N, K / 2]. */
    public static NDArray int4Codes(NDArray w, int groupSize) {
        return Kernels.get().tensor("int4_codes", w, groupSize);
    }

    /** {@code (q - 8) * scale + zero}, computed in float32 and returned in {@code type}: [N, K]. */
    public static NDArray int4Dequantize(NDArray packed, int groupSize, NDArray scalesAndZeros, DataType type) {
        return Kernels.get().tensor("int4_dequantize", packed, groupSize, scalesAndZeros, DtypeGuard.code(type));
    }

    /** {@code max|w[r]| / 127} per row (1 for an all-zero row): float32 [N, 1]. */
    public static NDArray int8Scales(NDArray w) {
        return Kernels.get().tensor("int8_scales", w);
    }

    /** {@code clamp(round(w / scale), -127, 127)}: int8 [N, K]. */
    public static NDArray int8Codes(NDArray w, NDArray scales) {
        return Kernels.get().tensor("int8_codes", w, scales);
    }

    /**
     * bitsandbytes 4-bit: {@code table[code] * absmax[i / blocksize]} in float32 (bit for bit bitsandbytes'
     * dequantize_4bit), returned in {@code type} as [rows, n / rows]. {@code packed} holds two codes a
     * byte, the first in the high nibble, and is looked up a byte at a time in {@code pairs} [256, 2]
     * (each byte's two table values); n must be a multiple of {@code blocksize}.
     */
    public static NDArray bnb4Dequantize(NDArray packed, NDArray pairs, NDArray absmax, int blocksize, long rows,
                                         DataType type) {
        return Kernels.get().tensor("bnb4_dequantize", packed, pairs, absmax, blocksize, rows, DtypeGuard.code(type));
    }

    /** {@code x}'s last axis reordered: {@code x[..., index]} (int64 index), differentiable. */
    public static NDArray selectColumns(NDArray x, NDArray index) {
        return Kernels.get().tensor("select_columns", x, index);
    }
}

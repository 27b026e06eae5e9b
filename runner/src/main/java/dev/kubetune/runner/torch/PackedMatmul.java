package dev.kubetune.runner.torch;

import ai.djl.ndarray.NDArray;

/**
 * libtorch's weight-only quantized matrix products, reached through {@link Kernels}: int8 weights with
 * one scale per output channel ({@code _weight_int8pack_mm}) and int4 weights in groups with a scale and
 * an offset each ({@code _convert_weight_to_int4pack} + {@code _weight_int4pack_mm}). Neither has a
 * gradient: callers use them where no input requires one. Results live in the manager of {@code x}.
 */
public final class PackedMatmul {

    private PackedMatmul() {
    }

    /** x [M, K] times the int8 weight [N, K] scaled per row by {@code scales} [N] (x's dtype): [M, N]. */
    public static NDArray int8(NDArray x, NDArray codes, NDArray scales) {
        return Kernels.get().tensor("int8pack_mm", x, codes, scales);
    }

    /**
     * x [M, K] times the int4 weight held as uint8 [N, K / 2] (the even column in the high nibble):
     * {@code w = (q - 8) * scale + offset}, {@code scalesAndOffsets} [K / groupSize, N, 2] in x's dtype.
     * The weight is tiled for the kernel on each call, in the kernel's own memory, and freed after.
     */
    public static NDArray int4(NDArray x, NDArray packed, int groupSize, NDArray scalesAndOffsets) {
        return Kernels.get().tensor("int4pack_mm", x, packed, groupSize, scalesAndOffsets);
    }
}

package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.WeightCodes;
import java.nio.ByteBuffer;

/**
 * bitsandbytes 4-bit (NF4 or FP4) held as stored: the codes (two a byte, first in the high nibble), the
 * 16-value table (as the 256 byte values' pairs of entries) and one float32 absmax per block (double quantization resolved at load, exactly as
 * bitsandbytes computes it). libtorch has no kernel for a table-coded weight, so each product
 * dequantizes the weight — {@code table[code] * absmax[block]}, bit for bit bitsandbytes' — into scratch
 * memory freed after it (docs/quantization.md says why this and not a conversion at load).
 */
final class Bnb4Linear extends QuantizedLinear {

    private final NDArray packed;
    private final NDArray pairs;
    private final NDArray absmax;
    private final int blocksize;

    private Bnb4Linear(long rows, long columns, NDArray packed, NDArray pairs, NDArray absmax, int blocksize) {
        super(rows, columns);
        this.packed = packed;
        this.pairs = pairs;
        this.absmax = absmax;
        this.blocksize = blocksize;
    }

    static Bnb4Linear of(int rows, int columns, byte[] packed, float[] table, float[] absmax, int blocksize,
                         NDManager manager) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(packed.length).put(packed).flip();
        float[] pairs = new float[512];
        for (int b = 0; b < 256; b++) {
            pairs[2 * b] = table[b >>> 4];
            pairs[2 * b + 1] = table[b & 0x0f];
        }
        return new Bnb4Linear(rows, columns, manager.create(bytes, new Shape(packed.length), DataType.UINT8),
                manager.create(pairs, new Shape(256, 2)), manager.create(absmax), blocksize);
    }

    @Override
    public long bytes() {
        return packed.size() + 4 * (pairs.size() + absmax.size());
    }

    @Override
    protected NDArray dequantizeHeld(DataType type) {
        return WeightCodes.bnb4Dequantize(packed, pairs, absmax, blocksize, shape()[0], type);
    }

    @Override
    protected NDArray[] held() {
        return new NDArray[] {packed, pairs, absmax};
    }
}

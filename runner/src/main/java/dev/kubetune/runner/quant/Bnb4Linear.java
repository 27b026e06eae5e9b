package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.WeightCodes;
import java.nio.ByteBuffer;

/**
 * bitsandbytes 4-bit (NF4 or FP4) held as stored: the codes (two a byte, first in the high nibble), the
 * 16-value table and one float32 absmax per block (double quantization resolved at load, exactly as
 * bitsandbytes computes it). libtorch has no kernel for a table-coded weight, so each product
 * dequantizes the weight — {@code table[code] * absmax[block]}, bit for bit bitsandbytes' — into scratch
 * memory freed after it (docs/quantization.md says why this and not a conversion at load).
 */
final class Bnb4Linear extends QuantizedLinear {

    private final NDArray packed;
    private final NDArray table;
    private final NDArray absmax;
    private final int blocksize;

    private Bnb4Linear(long rows, long columns, NDArray packed, NDArray table, NDArray absmax, int blocksize) {
        super(rows, columns);
        this.packed = packed;
        this.table = table;
        this.absmax = absmax;
        this.blocksize = blocksize;
    }

    static Bnb4Linear of(int rows, int columns, byte[] packed, float[] table, float[] absmax, int blocksize,
                         NDManager manager) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(packed.length).put(packed).flip();
        return new Bnb4Linear(rows, columns, manager.create(bytes, new Shape(packed.length), DataType.UINT8),
                manager.create(table), manager.create(absmax), blocksize);
    }

    @Override
    public long bytes() {
        return packed.size() + 4 * (table.size() + absmax.size());
    }

    @Override
    protected NDArray dequantizeHeld(DataType type) {
        return WeightCodes.bnb4Dequantize(packed, table, absmax, blocksize, shape()[0], type);
    }

    @Override
    protected NDArray[] held() {
        return new NDArray[] {packed, table, absmax};
    }
}

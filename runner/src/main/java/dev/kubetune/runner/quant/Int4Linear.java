package dev.kubetune.runner.quant;

import dev.kubetune.runner.torch.DtypeGuard;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.PackedMatmul;
import java.nio.ByteBuffer;

/**
 * 4-bit weight, asymmetric, one float32 scale and offset per group of input columns, in the form of
 * libtorch's int4 packed matmul ({@code _weight_int4pack_mm}):
 * {@code scale = (max - min) / 15}, {@code q = round((w - min) / scale)} in [0, 15],
 * {@code w ≈ (q - 8) * scale + offset} with {@code offset = min + 8 * scale}.
 * Two codes a byte, the even column in the high nibble.
 */
final class Int4Linear extends QuantizedLinear {

    private final NDArray packed;
    private final NDArray scales;
    private final NDArray offsets;
    private final int groupSize;

    private Int4Linear(NDArray packed, NDArray scales, NDArray offsets, int groupSize) {
        super(packed.getShape().get(0), packed.getShape().get(1) * 2);
        this.packed = packed;
        this.scales = scales;
        this.offsets = offsets;
        this.groupSize = groupSize;
    }

    static Int4Linear quantize(float[] w, int rows, int columns, int groupSize, NDManager manager) {
        int groups = columns / groupSize;
        byte[] packed = new byte[w.length / 2];
        float[] scale = new float[rows * groups];
        float[] offset = new float[rows * groups];
        for (int g = 0; g < rows * groups; g++) {
            int start = g * groupSize;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = start; i < start + groupSize; i++) {
                min = Math.min(min, w[i]);
                max = Math.max(max, w[i]);
            }
            float s = Math.max(max - min, 1e-6f) / 15f;
            scale[g] = s;
            offset[g] = min + s * 8f;
            for (int i = start; i < start + groupSize; i += 2) {
                int hi = code(w[i], min, s);
                int lo = code(w[i + 1], min, s);
                packed[i / 2] = (byte) (hi << 4 | lo);
            }
        }
        ByteBuffer codes = ByteBuffer.allocateDirect(packed.length).put(packed).flip();
        return new Int4Linear(manager.create(codes, new Shape(rows, columns / 2), DataType.UINT8),
                manager.create(scale, new Shape(rows, groups, 1)), manager.create(offset, new Shape(rows, groups, 1)),
                groupSize);
    }

    private static int code(float v, float min, float scale) {
        return (int) Math.max(0, Math.min(15, Math.rint((v - min) / scale)));
    }

    @Override
    public long bytes() {
        return packed.size() + (scales.size() + offsets.size()) * 4;
    }

    @Override
    protected NDArray dequantizeHere() {
        long rows = shape()[0];
        long columns = shape()[1];
        NDArray bytes = DtypeGuard.cast(packed, DataType.FLOAT32);
        NDArray high = bytes.div(16f).floor();
        NDArray low = bytes.sub(high.mul(16f));
        NDArray codes = NDArrays.stack(new ai.djl.ndarray.NDList(high, low), 2)
                .reshape(rows, columns / groupSize, groupSize);
        return codes.sub(8f).mul(scales).add(offsets).reshape(rows, columns);
    }

    /** libtorch's int4 kernel takes groups of 32 to 256 columns only. */
    @Override
    protected NDArray packedProduct(NDArray x) {
        if (groupSize < 32) {
            return null;
        }
        long rows = shape()[0];
        long groups = shape()[1] / groupSize;
        NDArray scalesAndOffsets = NDArrays.concat(new ai.djl.ndarray.NDList(scales, offsets), 2)
                .reshape(rows, groups, 2).transpose(1, 0, 2);
        if (scalesAndOffsets.getDataType() != x.getDataType()) {
            scalesAndOffsets = DtypeGuard.cast(scalesAndOffsets, DtypeGuard.dtype(x));
        }
        return PackedMatmul.int4(x, packed, groupSize, scalesAndOffsets);
    }

    @Override
    protected NDArray[] held() {
        return new NDArray[] {packed, scales, offsets};
    }
}

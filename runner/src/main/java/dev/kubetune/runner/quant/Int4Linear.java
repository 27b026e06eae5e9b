package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.torch.PackedMatmul;
import dev.kubetune.runner.torch.WeightCodes;
import java.nio.ByteBuffer;

/**
 * 4-bit weight with one scale and one zero per group of input columns, in the form of libtorch's int4
 * packed matmul ({@code _weight_int4pack_mm}): {@code w = (q - 8) * scale + zero}, codes in [0, 15], two
 * a byte (the even column in the high nibble), scales and zeros held as the kernel takes them,
 * [groups, out, 2], in the compute dtype. Quantized on load as {@code scale = (max - min) / 15},
 * {@code q = round((w - min) / scale)}, {@code zero = min + 8 * scale}; GPTQ checkpoints convert to it
 * exactly ({@link GptqFormat}).
 */
final class Int4Linear extends QuantizedLinear {

    private final NDArray packed;
    private final NDArray scalesAndZeros;
    private final int groupSize;
    private final NDArray order;
    private final NDArray inverse;

    Int4Linear(NDArray packed, NDArray scalesAndZeros, int groupSize, NDArray order, NDArray inverse) {
        super(packed.getShape().get(0), packed.getShape().get(1) * 2);
        this.packed = packed;
        this.scalesAndZeros = scalesAndZeros;
        this.groupSize = groupSize;
        this.order = order;
        this.inverse = inverse;
    }

    /** {@code w} [out, in] (any float dtype) quantized in groups of {@code groupSize} columns; scales held in {@code type}. */
    static Int4Linear quantize(NDArray w, int groupSize, DataType type, NDManager manager) {
        NDArray sz = WeightCodes.int4ScalesAndZeros(w, groupSize, type);
        NDArray codes = WeightCodes.int4Codes(w, groupSize);
        sz.attach(manager);
        codes.attach(manager);
        return new Int4Linear(codes, sz, groupSize, null, null);
    }

    /**
     * From codes already computed: {@code codes} [rows, columns] in [0, 15], {@code scales} and {@code zeros}
     * [groups, rows] (float32, exact), input columns in {@code order} (checkpoint column of each held one; null: as is).
     */
    static Int4Linear of(byte[] codes, int rows, int columns, float[] scales, float[] zeros, int groupSize, long[] order,
                         DataType type, NDManager manager) {
        ByteBuffer packed = ByteBuffer.allocateDirect(codes.length / 2);
        for (int i = 0; i < codes.length; i += 2) {
            packed.put((byte) (codes[i] << 4 | codes[i + 1]));
        }
        float[] sz = new float[scales.length * 2];
        for (int i = 0; i < scales.length; i++) {
            sz[2 * i] = scales[i];
            sz[2 * i + 1] = zeros[i];
        }
        NDArray held = DtypeGuard.fromFloats(manager, sz, new Shape(scales.length / rows, rows, 2), type);
        NDArray orderArray = null;
        NDArray inverseArray = null;
        if (order != null) {
            long[] inverse = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                inverse[(int) order[i]] = i;
            }
            orderArray = manager.create(order);
            inverseArray = manager.create(inverse);
        }
        return new Int4Linear(manager.create(packed.flip(), new Shape(rows, columns / 2), DataType.UINT8), held, groupSize,
                orderArray, inverseArray);
    }

    @Override
    public long bytes() {
        long orders = order == null ? 0 : 16L * order.size();
        return packed.size() + scalesAndZeros.size() * DtypeGuard.dtype(scalesAndZeros).getNumOfBytes() + orders;
    }

    @Override
    protected NDArray dequantizeHeld(DataType type) {
        return WeightCodes.int4Dequantize(packed, groupSize, scalesAndZeros, type);
    }

    /** libtorch's int4 kernel takes groups of 32 to 256 columns only. */
    @Override
    protected NDArray packedProduct(NDArray x) {
        if (groupSize < 32) {
            return null;
        }
        return PackedMatmul.int4(x, packed, groupSize, in(scalesAndZeros, DtypeGuard.dtype(x)));
    }

    @Override
    protected NDArray inputOrder() {
        return order;
    }

    @Override
    protected NDArray inverseOrder() {
        return inverse;
    }

    @Override
    protected NDArray[] held() {
        return order == null ? new NDArray[] {packed, scalesAndZeros} : new NDArray[] {packed, scalesAndZeros, order, inverse};
    }
}

package dev.kubetune.runner.quant;

import dev.kubetune.runner.torch.DtypeGuard;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.PackedMatmul;

/**
 * 8-bit weight, symmetric, one float32 scale per output channel: {@code scale[r] = max|w[r]| / 127},
 * {@code q = round(w / scale)} in [-127, 127], {@code w ≈ q * scale[r]} (the layout of libtorch's
 * {@code _weight_int8pack_mm}).
 */
final class Int8Linear extends QuantizedLinear {

    private final NDArray codes;
    private final NDArray scales;

    private Int8Linear(NDArray codes, NDArray scales) {
        super(codes.getShape().get(0), codes.getShape().get(1));
        this.codes = codes;
        this.scales = scales;
    }

    static Int8Linear quantize(float[] w, int rows, int columns, NDManager manager) {
        byte[] q = new byte[w.length];
        float[] scale = new float[rows];
        for (int r = 0; r < rows; r++) {
            int start = r * columns;
            float max = 0f;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, Math.abs(w[start + c]));
            }
            scale[r] = max > 0f ? max / 127f : 1f;
            for (int c = 0; c < columns; c++) {
                q[start + c] = (byte) Math.max(-127, Math.min(127, Math.rint(w[start + c] / scale[r])));
            }
        }
        return new Int8Linear(manager.create(q, new Shape(rows, columns)),
                manager.create(scale, new Shape(rows, 1)));
    }

    @Override
    public long bytes() {
        return codes.size() + scales.size() * 4;
    }

    @Override
    protected NDArray dequantizeHere() {
        return DtypeGuard.cast(codes, DataType.FLOAT32).mul(scales);
    }

    @Override
    protected NDArray packedProduct(NDArray x) {
        NDArray rowScales = scales.reshape(-1);
        return PackedMatmul.int8(x, codes, rowScales.getDataType() == x.getDataType() ? rowScales
                : DtypeGuard.cast(rowScales, DtypeGuard.dtype(x)));
    }

    @Override
    protected NDArray[] held() {
        return new NDArray[] {codes, scales};
    }
}

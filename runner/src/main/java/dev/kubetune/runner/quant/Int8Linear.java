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
 * 8-bit weight, symmetric, one float32 scale per output channel, the layout of libtorch's
 * {@code _weight_int8pack_mm}: {@code w = (q * scale[r]) * factor}, q in [-127, 127]. Quantized on load as
 * {@code scale[r] = max|w[r]| / 127}, {@code q = round(w / scale)}, factor 1. bitsandbytes LLM.int8
 * checkpoints are held as stored: the codes, {@code SCB} (each row's absolute maximum) as the scale and
 * factor float32(1/127), which dequantizes bit for bit as bitsandbytes does (two roundings in that
 * order); its kernel takes {@code SCB * (1/127)} rounded once, within one rounding of that.
 */
final class Int8Linear extends QuantizedLinear {

    private final NDArray codes;
    private final NDArray scales;
    private final NDArray factor;

    private Int8Linear(NDArray codes, NDArray scales, NDArray factor) {
        super(codes.getShape().get(0), codes.getShape().get(1));
        this.codes = codes;
        this.scales = scales;
        this.factor = factor;
    }

    /** {@code w} [out, in] (any float dtype) quantized per row. */
    static Int8Linear quantize(NDArray w, NDManager manager) {
        NDArray scales = WeightCodes.int8Scales(w);
        NDArray codes = WeightCodes.int8Codes(w, scales);
        scales.attach(manager);
        codes.attach(manager);
        return new Int8Linear(codes, scales, null);
    }

    /** Codes [rows, columns] as stored (int8 bytes), a float32 scale per row and a float32 factor after it. */
    static Int8Linear of(byte[] codes, int rows, int columns, float[] rowScales, float factor, NDManager manager) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(codes.length).put(codes).flip();
        return new Int8Linear(manager.create(bytes, new Shape(rows, columns), DataType.INT8),
                manager.create(rowScales, new Shape(rows, 1)), manager.create(factor));
    }

    @Override
    public long bytes() {
        return codes.size() + scales.size() * 4;
    }

    @Override
    protected NDArray dequantizeHeld(DataType type) {
        NDArray w = DtypeGuard.cast(codes, DataType.FLOAT32).mul(scales);
        return DtypeGuard.cast(factor == null ? w : w.mul(factor), type);
    }

    @Override
    protected NDArray packedProduct(NDArray x) {
        NDArray rowScales = (factor == null ? scales : scales.mul(factor)).reshape(-1);
        return PackedMatmul.int8(x, codes, in(rowScales, DtypeGuard.dtype(x)));
    }

    @Override
    protected NDArray[] held() {
        return factor == null ? new NDArray[] {codes, scales} : new NDArray[] {codes, scales, factor};
    }
}

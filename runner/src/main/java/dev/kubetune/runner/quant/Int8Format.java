package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.BadInputException;

/**
 * bitsandbytes LLM.int8 ({@code load_in_8bit}), as {@code Linear8bitLt} saves it: per module
 * {@code weight} (I8 [out, in], row-wise quantized), {@code SCB} (F32 [out], each row's absolute maximum)
 * and {@code weight_format} (U8, 0 = row-major; the only layout written to checkpoints).
 * <p>
 * Held as stored ({@link Int8Linear}, libtorch's int8 kernel); dequantization, in float32 as bitsandbytes'
 * {@code int8_vectorwise_dequant}:
 * {@code w[r, c] = (CB[r, c] * SCB[r]) * float32(1/127)}, two roundings in that order.
 */
record Int8Format() implements QuantizedFormat {

    /** bitsandbytes' constant 7.874015718698502e-3, float32(1 / 127). */
    private static final float ONE_OVER_127 = (float) 7.874015718698502e-3;

    @Override
    public boolean quantizes(TensorSource tensors, String module) {
        return tensors.contains(module + ".SCB");
    }

    @Override
    public QuantizedLinear load(TensorSource t, String module, DataType type, NDManager manager) {
        String w = module + ".weight";
        long[] shape = StoredTensor.check(t, w, "I8", null);
        if (shape.length != 2) {
            throw new BadInputException(t.folder() + ": quantized tensor '" + w + "' is not 2-d");
        }
        int rows = (int) shape[0];
        int columns = (int) shape[1];
        byte[] cb = StoredTensor.bytes(t, w, "I8", shape);
        float[] scb = StoredTensor.float32(t, module + ".SCB", rows);
        if (t.contains(module + ".weight_format")) {
            byte[] format = StoredTensor.bytes(t, module + ".weight_format", "U8", (long[]) null);
            if (format.length != 1 || format[0] != 0) {
                throw new BadInputException(t.folder() + ": '" + module + ".weight_format' is not 0 (row); "
                        + "only row-major int8 weights are stored in checkpoints");
            }
        }
        return Int8Linear.of(cb, rows, columns, scb, ONE_OVER_127, manager);
    }

    @Override
    public String describe() {
        return "bitsandbytes 8-bit (LLM.int8)";
    }
}

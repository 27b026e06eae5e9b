package dev.kubetune.runner.quant;

import dev.kubetune.runner.BadInputException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One tensor of a quantized layout, checked against the dtype and shape the layout calls for and
 * read into a Java array. A tensor that is missing, or stored with another dtype or size, is bad input
 * naming it and the model folder.
 */
final class StoredTensor {

    private StoredTensor() {}

    /** The stored shape, after checking the dtype; {@code shape} (if not null) must match exactly. */
    static long[] check(TensorSource t, String name, String dtype, long[] shape) {
        if (!t.contains(name)) {
            throw new BadInputException(t.folder() + ": quantized tensor '" + name + "' is missing from the weights");
        }
        long[] stored = t.shape(name);
        if (!t.dtype(name).equals(dtype) || (shape != null && !Arrays.equals(stored, shape))) {
            throw new BadInputException(t.folder() + ": quantized tensor '" + name + "' is " + t.dtype(name) + " "
                    + Arrays.toString(stored) + ", the layout needs " + dtype
                    + (shape == null ? "" : " " + Arrays.toString(shape)));
        }
        return stored;
    }

    static float[] float32(TensorSource t, String name, long... shape) {
        check(t, name, "F32", shape);
        ByteBuffer b = t.bytes(name);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** F16 values widened exactly to float32. */
    static float[] float16(TensorSource t, String name, long... shape) {
        check(t, name, "F16", shape);
        ByteBuffer b = t.bytes(name);
        float[] out = new float[b.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = halfToFloat(b.getShort());
        }
        return out;
    }

    /** U8 (unsigned, 0-255) or I8 (signed) bytes as stored. */
    static byte[] bytes(TensorSource t, String name, String dtype, long... shape) {
        check(t, name, dtype, shape);
        ByteBuffer b = t.bytes(name);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static int[] int32(TensorSource t, String name, long... shape) {
        check(t, name, "I32", shape);
        ByteBuffer b = t.bytes(name);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    /** IEEE 754 binary16 to binary32; every half value is exactly representable as a float. */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}

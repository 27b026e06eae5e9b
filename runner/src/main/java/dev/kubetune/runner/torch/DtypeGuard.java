package dev.kubetune.runner.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The one gate between the runner and the DJL calls that end the process on a bfloat16 array.
 *
 * <p>DJL 0.32 hands a {@link DataType}'s ordinal to its native layer, which knows codes 0–8 only:
 * asking it for BFLOAT16 (or UNKNOWN, which is how a bfloat16 array reads back in Java) reaches a bare
 * {@code throw;} and {@code std::terminate} — exit 134, no Java exception. Measured against DJL 0.32 /
 * libtorch 2.5.1 (see {@code DtypeGuardTest}): {@code toType(BFLOAT16)}, {@code zeros/ones/create(..,
 * BFLOAT16)}, and on a bfloat16 array {@code softmax}, {@code logSoftmax}, {@code toDevice},
 * {@code zerosLike}, {@code onesLike}. Most other ops work on bfloat16 arrays (matMul, linear, add, mul,
 * number arithmetic, get/set by index, gather, embedding, reshape, transpose, concat, mean, sum, pow,
 * exp, tanh, sigmoid, dropout); mixing a bfloat16 and a float32 operand promotes to float32, except
 * in matMul, which throws.
 *
 * <p>Rule: runner code outside this package never calls those DJL methods itself (a test scans the
 * sources). Here each either takes a route through {@link Kernels} that works for bfloat16
 * ({@link #cast}, {@link #zeros}, {@link #fromFloats}, {@link #fromBytes}, {@link #toDevice}) or
 * throws {@link UnsupportedDtypeException} before DJL sees the array ({@link #softmax},
 * {@link #logSoftmax}, {@link #zerosLike}, {@link #onesLike}).
 */
public final class DtypeGuard {

    private static final Set<DataType> FLOATS = Set.of(DataType.FLOAT16, DataType.FLOAT32, DataType.BFLOAT16);

    private DtypeGuard() {
    }

    /** {@code x}'s dtype, BFLOAT16 for a bfloat16 array (which DJL reads as UNKNOWN). */
    public static DataType dtype(NDArray x) {
        DataType t = x.getDataType();
        if (t != DataType.UNKNOWN) {
            return t;
        }
        if (Kernels.get().dtypeCode(x) == Kernels.BFLOAT16) {
            return DataType.BFLOAT16;
        }
        throw new UnsupportedDtypeException("an array of a dtype DJL cannot name (libtorch code "
                + Kernels.get().dtypeCode(x) + ")");
    }

    /** True when DJL cannot name {@code x}'s dtype: every call listed above would abort on it. */
    public static boolean opaque(NDArray x) {
        return x.getDataType() == DataType.UNKNOWN || x.getDataType() == DataType.BFLOAT16;
    }

    /** Throws unless DJL can name {@code x}'s dtype; {@code operation} names the call for the message. */
    public static NDArray requireNamed(NDArray x, String operation) {
        if (opaque(x)) {
            throw new UnsupportedDtypeException(operation + " on a bfloat16 array: DJL 0.32 would abort the JVM;"
                    + " cast it to float32 first (DtypeGuard.cast)");
        }
        return x;
    }

    /**
     * {@code x} in dtype {@code to}; {@code x} itself when it has it. Between float16, float32 and
     * bfloat16 the cast is a TorchScript call that autograd records (DJL's own toType cuts the graph).
     */
    public static NDArray cast(NDArray x, DataType to) {
        DataType from = dtype(x);
        if (from == to) {
            return x;
        }
        if (FLOATS.contains(from) && FLOATS.contains(to)) {
            return Kernels.get().to(x, code(to));
        }
        requireDjlType(to, "toType");
        return x.toType(to, false);
    }

    /** Zeros of {@code type}, bfloat16 included. */
    public static NDArray zeros(NDManager manager, Shape shape, DataType type) {
        if (type != DataType.BFLOAT16) {
            requireDjlType(type, "zeros");
            return manager.zeros(shape, type);
        }
        // all-zero bits are +0.0 in float16 and bfloat16 alike
        try (NDArray carrier = manager.zeros(shape, DataType.FLOAT16)) {
            return Kernels.get().viewAs(carrier, Kernels.BFLOAT16);
        }
    }

    /** A scalar of {@code type} (the float rounded to it). */
    public static NDArray scalar(NDManager manager, float value, DataType type) {
        return fromFloats(manager, new float[] {value}, new Shape(), type);
    }

    /** Float32 values rounded to {@code type} (float16, float32 or bfloat16). */
    public static NDArray fromFloats(NDManager manager, float[] values, Shape shape, DataType type) {
        NDArray f32 = manager.create(values, shape);
        NDArray typed = cast(f32, type);
        if (typed != f32) {
            f32.close();
        }
        return typed;
    }

    /**
     * A tensor over little-endian bytes as stored on disk ({@code bytes} direct, native order). For
     * float32 and float16 on the CPU the array wraps {@code bytes} without a copy, so they must stay
     * untouched while it lives; bfloat16 bytes are copied into a tensor of libtorch's own, so
     * {@code bytes} may be reused as soon as this returns.
     */
    public static NDArray fromBytes(NDManager manager, ByteBuffer bytes, Shape shape, DataType stored) {
        if (stored != DataType.BFLOAT16) {
            requireDjlType(stored, "create");
            return manager.create(bytes, shape, stored);
        }
        try (NDArray carrier = manager.create(bytes, shape, DataType.FLOAT16)) {
            return Kernels.get().viewAs(carrier, Kernels.BFLOAT16);
        }
    }

    /** {@code x} on {@code device}; a bfloat16 array travels as float16-typed bits and is viewed back there. */
    public static NDArray toDevice(NDArray x, Device device) {
        if (dtype(x) != DataType.BFLOAT16) {
            return x.toDevice(device, false);
        }
        if (x.getDevice().equals(device)) {
            return x;
        }
        try (NDArray carrier = Kernels.get().viewAs(x, Kernels.FLOAT16);
             NDArray moved = carrier.toDevice(device, false)) {
            return Kernels.get().viewAs(moved, Kernels.BFLOAT16);
        }
    }

    public static NDArray softmax(NDArray x, int axis) {
        return requireNamed(x, "softmax").softmax(axis);
    }

    public static NDArray logSoftmax(NDArray x, int axis) {
        return requireNamed(x, "logSoftmax").logSoftmax(axis);
    }

    public static NDArray zerosLike(NDArray x) {
        return requireNamed(x, "zerosLike").zerosLike();
    }

    public static NDArray onesLike(NDArray x) {
        return requireNamed(x, "onesLike").onesLike();
    }

    /** libtorch's code of a float dtype. */
    static int code(DataType type) {
        return switch (type) {
            case FLOAT16 -> Kernels.FLOAT16;
            case FLOAT32 -> Kernels.FLOAT32;
            case BFLOAT16 -> Kernels.BFLOAT16;
            default -> throw new UnsupportedDtypeException("no TorchScript route for dtype " + type);
        };
    }

    /** DJL's native layer knows the dtypes ordered before UNKNOWN (codes 0–8). */
    private static void requireDjlType(DataType type, String operation) {
        if (type.ordinal() >= DataType.UNKNOWN.ordinal()) {
            throw new UnsupportedDtypeException(operation + " with dtype " + type + ": DJL 0.32 would abort the JVM");
        }
    }
}

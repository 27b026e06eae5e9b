package dev.kubetune.runner.torch;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Tensor operations that DJL 0.32's own API cannot reach — above all anything that makes or casts a
 * bfloat16 tensor, which DJL's dtype switch answers with a JVM abort — run as methods of a small
 * TorchScript module. The module's source is {@code kernels.torchscript} beside this class; it is
 * written into an archive in memory ({@link KernelArchive}) and compiled by the bundled libtorch once
 * per process, at first use. Nothing is downloaded and no Python runs.
 *
 * <p>Methods run with autograd on (DJL's training flag), never in inference mode, so a method's result
 * can sit in the middle of a differentiable graph (a cast between a frozen bfloat16 weight and float32
 * LoRA factors keeps their gradients), and a tensor it returns can be saved for a backward pass. When no
 * input requires a gradient no graph is recorded, so inference pays nothing for it.
 *
 * <p>Results belong to the manager of the call's first array argument.
 *
 * <h2>Adding a method</h2>
 * <ol>
 *   <li>Add a {@code def} to {@code kernels.torchscript}. It is TorchScript's <em>serialized</em> form:
 *       {@code self: __torch__.Kernels} first, every argument and the result annotated ({@code Tensor},
 *       {@code int}, {@code float}, {@code bool}, {@code Optional[Tensor]}, {@code List[int]}), dtypes
 *       as ints ({@link #FLOAT16}, {@link #FLOAT32}, {@link #BFLOAT16}), operators called as
 *       {@code torch.name(...)} or {@code ops.aten.name(...)}; the two-space indentation of the others.</li>
 *   <li>Add a typed Java method here (or in a class of its own beside this one) that calls
 *       {@link #tensor(String, Object...)} or {@link #integer(String, Object...)}: arguments are
 *       {@link NDArray}s, {@code Long}/{@code Integer}, {@code Double}/{@code Float} or {@code Boolean}.</li>
 *   <li>Test it against plain DJL ops in {@code KernelsTest}. A method that libtorch refuses to compile
 *       fails every test of this package at the first call, with libtorch's message naming the line.</li>
 * </ol>
 * A method that takes or returns a bfloat16 tensor is the only safe way to touch one: see
 * {@link DtypeGuard} for the DJL calls that must never see such an array.
 */
public final class Kernels {

    /** libtorch's ScalarType codes, as TorchScript code spells dtypes. */
    public static final int FLOAT16 = 5;
    public static final int FLOAT32 = 6;
    public static final int BFLOAT16 = 15;

    private static volatile Kernels instance;

    /** Threads that have turned libtorch's graph executor optimisation off (a thread-local libtorch setting). */
    private static final ThreadLocal<Boolean> PLAIN_EXECUTOR = ThreadLocal.withInitial(() -> {
        JniUtils.setGraphExecutorOptimize(false);
        return true;
    });

    private final PtSymbolBlock module;
    private final Object library;
    private final Method runMethod;
    private final Constructor<IValue> ivalue;

    private Kernels(PtSymbolBlock module) throws ReflectiveOperationException {
        this.module = module;
        // DJL's public runMethod runs in inference mode (its training flag hard-wired false); the native
        // entry point it calls takes the flag, so it is called directly
        Class<?> lib = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
        var field = lib.getDeclaredField("LIB");
        field.setAccessible(true);
        this.library = field.get(null);
        this.runMethod = lib.getDeclaredMethod("moduleRunMethod", long.class, String.class, long[].class,
                boolean.class, boolean.class);
        this.runMethod.setAccessible(true);
        this.ivalue = IValue.class.getDeclaredConstructor(long.class);
        this.ivalue.setAccessible(true);
    }

    /** The process's module, compiled at first use. */
    public static Kernels get() {
        Kernels k = instance;
        if (k == null) {
            synchronized (Kernels.class) {
                k = instance;
                if (k == null) {
                    k = load();
                    instance = k;
                }
            }
        }
        return k;
    }

    private static Kernels load() {
        // the module holds no tensors; its manager lives as long as the process
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            PtSymbolBlock block = JniUtils.loadModule(manager, new ByteArrayInputStream(KernelArchive.bytes()), false, false);
            return new Kernels(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's PyTorch engine has no moduleRunMethod entry point (DJL version?)", e);
        }
    }

    /** The method's names as libtorch compiled them (a test checks the source against the Java side). */
    public List<String> methodNames() {
        return List.of(JniUtils.getMethodNames(module));
    }

    /** {@code x}'s bytes reinterpreted as {@code dtype} (a copy; the element size must match). */
    public NDArray viewAs(NDArray x, int dtype) {
        return tensor("view_as_dtype", x, dtype);
    }

    /** {@code x} converted to {@code dtype}; differentiable. */
    public NDArray to(NDArray x, int dtype) {
        return tensor("to_dtype", x, dtype);
    }

    /** libtorch's ScalarType code of {@code x}, which DJL reads as UNKNOWN for bfloat16. */
    public int dtypeCode(NDArray x) {
        return (int) integer("dtype_code", x);
    }

    /** Runs a method returning a tensor; the result lives in the first array argument's manager. */
    public NDArray tensor(String method, Object... args) {
        PtNDManager manager = null;
        for (Object a : args) {
            if (a instanceof NDArray array) {
                manager = (PtNDManager) array.getManager();
                break;
            }
        }
        if (manager == null) {
            throw new IllegalArgumentException(method + ": a tensor method needs an array argument");
        }
        try (IValue result = run(method, args)) {
            PtNDArray out = result.toTensor(manager);
            return out;
        }
    }

    /** Runs a method returning an int. */
    public long integer(String method, Object... args) {
        try (IValue result = run(method, args)) {
            return result.toLong();
        }
    }

    private IValue run(String method, Object... args) {
        // each method is one operator: the profiling executor's specialisation and fusion pass, run after a
        // method's first calls, has nothing to gain and was seen to abort the process on bfloat16 graphs
        PLAIN_EXECUTOR.get();
        List<IValue> inputs = new ArrayList<>(args.length);
        try {
            for (Object a : args) {
                inputs.add(toIValue(a));
            }
            long[] handles = inputs.stream().mapToLong(IValue::getHandle).toArray();
            long handle = (long) runMethod.invoke(library, module.getHandle(), method, handles, true, false);
            return ivalue.newInstance(handle);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EngineException("TorchScript method " + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call TorchScript method " + method, e);
        } finally {
            inputs.forEach(IValue::close);
        }
    }

    private static IValue toIValue(Object a) {
        if (a instanceof PtNDArray array) {
            return IValue.from(array);
        }
        if (a instanceof Integer || a instanceof Long) {
            return IValue.from(((Number) a).longValue());
        }
        if (a instanceof Float || a instanceof Double) {
            return IValue.from(((Number) a).doubleValue());
        }
        if (a instanceof Boolean b) {
            return IValue.from(b);
        }
        throw new IllegalArgumentException("a TorchScript argument must be a PyTorch array, a number or a boolean, not "
                + (a == null ? "null" : a.getClass().getName()));
    }
}

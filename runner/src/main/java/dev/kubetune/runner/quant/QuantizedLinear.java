package dev.kubetune.runner.quant;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import dev.kubetune.runner.torch.Autograd;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.torch.WeightCodes;

/**
 * A linear layer's weight held quantized. Where no graph is recorded (inference, the graph-free forward
 * pass of QLoRA's layer-by-layer backward) and libtorch has a kernel for the layout
 * ({@link #packedProduct}, which has no derivative), the product is computed from the quantized weight; otherwise the
 * weight is dequantized for the product into scratch memory that is freed when the product is done, so
 * only the quantized form stays resident. The base weight is frozen: gradients flow to the input (LoRA
 * factors before it), never to the weight.
 * <p>
 * A layout may hold its input columns in another order than the checkpoint's (GPTQ with act-order,
 * sorted by group): {@link #inputOrder} then names, for each held column, the checkpoint's column, and
 * the input is reordered the same way before the product.
 */
public abstract class QuantizedLinear {

    private final long rows;
    private final long columns;
    private boolean kernelUsable = true;

    protected QuantizedLinear(long rows, long columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** [out features, in features]. */
    public final long[] shape() {
        return new long[] {rows, columns};
    }

    /** Bytes held (codes, scales, offsets, column order). */
    public abstract long bytes();

    /** The weight [out, in] in {@code type}, columns in the held order, in the held arrays' (scratch) manager. */
    protected abstract NDArray dequantizeHeld(DataType type);

    /** The arrays the weight is held in. */
    protected abstract NDArray[] held();

    /** For each held input column the checkpoint's column (int64 [in]), or null when they are the same. */
    protected NDArray inputOrder() {
        return null;
    }

    /** The inverse of {@link #inputOrder} (int64 [in]), or null. */
    protected NDArray inverseOrder() {
        return null;
    }

    /** The dense weight [out, in] in the checkpoint's column order and in {@code type}, owned by {@code manager}. */
    public final NDArray dequantize(NDManager manager, DataType type) {
        try (NDManager scratch = manager.newSubManager()) {
            for (NDArray a : held()) {
                a.tempAttach(scratch);
            }
            NDArray w = dequantizeHeld(type);
            if (inverseOrder() != null) {
                w = WeightCodes.selectColumns(w, inverseOrder());
            }
            w.attach(manager);
            return w;
        }
    }

    /** x·Wᵀ (+ bias): x [..., in] → [..., out]; the result lives in x's manager. */
    public final NDArray apply(NDArray x, NDArray bias) {
        NDManager step = x.getManager();
        NDArray in = inputOrder() == null ? x : WeightCodes.selectColumns(x, inputOrder());
        try (NDManager scratch = step.newSubManager()) {
            for (NDArray a : held()) {
                a.tempAttach(scratch);
            }
            if (kernelUsable && !Autograd.recording()) {
                NDArray y = packedProductOrNull(in);
                if (y != null) {
                    return bias == null ? y : y.add(bias);
                }
            }
            NDArray w = dequantizeHeld(DtypeGuard.dtype(x));
            NDArray y = Linear.linear(in, w, bias).singletonOrThrow();
            y.attach(step);
            return y;
        }
    }

    /** False once libtorch refused this weight's shape for its kernel (the product is then dequantized). */
    boolean kernelUsable() {
        return kernelUsable;
    }

    private NDArray packedProductOrNull(NDArray x) {
        long[] shape = x.getShape().getShape();
        long[] outShape = shape.clone();
        outShape[outShape.length - 1] = rows;
        try {
            NDArray y = packedProduct(x.reshape(-1, columns));
            return y == null ? null : y.reshape(outShape);
        } catch (EngineException e) {
            // libtorch refuses this shape (its kernels need sizes in multiples of their tiles): dequantize instead
            kernelUsable = false;
            return null;
        }
    }

    /**
     * x [M, in] (columns in the held order) · Wᵀ by a libtorch kernel working on the quantized weight, or
     * null where there is none. Runs with the held arrays temporarily in a scratch manager; the result
     * must live in x's manager.
     */
    protected NDArray packedProduct(NDArray x) {
        return null;
    }

    /** {@code a} in {@code type} (itself when it has it). */
    static NDArray in(NDArray a, DataType type) {
        return DtypeGuard.dtype(a) == type ? a : DtypeGuard.cast(a, type);
    }
}

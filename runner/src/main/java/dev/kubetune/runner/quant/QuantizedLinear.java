package dev.kubetune.runner.quant;

import dev.kubetune.runner.torch.DtypeGuard;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;

/**
 * A linear layer's weight held quantized. It is dequantized for each use, layer by layer, into scratch
 * memory that is freed when the product is done, so only the quantized form stays resident. The base
 * weight is frozen: gradients flow to the input (LoRA factors before it), never to the weight.
 */
public abstract class QuantizedLinear {

    private final long rows;
    private final long columns;

    protected QuantizedLinear(long rows, long columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** [out features, in features]. */
    public final long[] shape() {
        return new long[] {rows, columns};
    }

    /** Bytes held (codes, scales, offsets). */
    public abstract long bytes();

    /** The weight in float32 [out, in], in the manager of the quantized arrays (or the current temporary one). */
    protected abstract NDArray dequantizeHere();

    /** The arrays the weight is held in. */
    protected abstract NDArray[] held();

    /** The dense weight in {@code type}, owned by {@code manager}. */
    public final NDArray dequantize(NDManager manager, DataType type) {
        try (NDManager scratch = manager.newSubManager()) {
            for (NDArray a : held()) {
                a.tempAttach(scratch);
            }
            NDArray w = dequantizeHere();
            NDArray typed = DtypeGuard.cast(w, type);
            typed.attach(manager);
            return typed;
        }
    }

    /**
     * x·Wᵀ (+ bias): x [..., in] → [..., out]; the result lives in x's manager. Where nothing needs a
     * gradient and libtorch has a kernel for the layout ({@link #packedProduct}), the kernel computes it
     * from the quantized weight; otherwise the weight is dequantized for the product.
     */
    public final NDArray apply(NDArray x, NDArray bias) {
        NDManager step = x.getManager();
        try (NDManager scratch = step.newSubManager()) {
            if (!x.hasGradient() && kernelUsable) {
                NDArray y = packedProductOrNull(x, scratch);
                if (y != null) {
                    return bias == null ? y : y.add(bias);
                }
            }
            NDArray w = dequantize(scratch, DtypeGuard.dtype(x));
            NDArray y = Linear.linear(x, w, bias).singletonOrThrow();
            y.attach(step);
            return y;
        }
    }

    private boolean kernelUsable = true;

    /** False once libtorch refused this weight's shape for its kernel (the product is then dequantized). */
    boolean kernelUsable() {
        return kernelUsable;
    }

    private NDArray packedProductOrNull(NDArray x, NDManager scratch) {
        for (NDArray a : held()) {
            a.tempAttach(scratch);
        }
        long[] shape = x.getShape().getShape();
        long[] outShape = shape.clone();
        outShape[outShape.length - 1] = rows;
        try {
            NDArray flat = x.reshape(-1, columns);
            NDArray y = packedProduct(flat);
            return y == null ? null : y.reshape(outShape);
        } catch (ai.djl.engine.EngineException e) {
            // libtorch refuses this shape (its kernels need sizes in multiples of their tiles): dequantize instead
            kernelUsable = false;
            return null;
        }
    }

    /**
     * x [M, in] · Wᵀ by a libtorch kernel working on the quantized weight, or null where there is none.
     * Runs with the held arrays temporarily in a scratch manager; the result must live in x's manager.
     */
    protected NDArray packedProduct(NDArray x) {
        return null;
    }
}

package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import dev.kubetune.runner.torch.DtypeGuard;

/**
 * Arithmetic with a constant that is safe under autograd. DJL's {@code mul(Number)}, {@code div(Number)}
 * and {@code pow(Number)} wrap the number in an array over Java-owned memory and close it at once;
 * autograd keeps that array for the backward pass, and once the garbage collector frees its buffer
 * the gradients read freed memory (NaN or wrong values, run to run). Here the constant is a copy in
 * libtorch's own memory, which the graph keeps alive by itself: the array may be closed with the
 * intermediates of its layer before the backward pass.
 */
public final class Constants {

    private Constants() {
    }

    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    public static NDArray pow(NDArray x, double value) {
        return x.pow(of(x, value));
    }

    private static NDArray of(NDArray like, double value) {
        NDArray scalar = DtypeGuard.scalar(like.getManager(), (float) value, DtypeGuard.dtype(like));
        NDArray owned = scalar.duplicate();
        scalar.close();
        return owned;
    }
}

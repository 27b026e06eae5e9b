package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.torch.DtypeGuard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decoder's constants (norm epsilon, attention and embedding scales, soft caps) as arrays of one
 * type (the compute type, or float32 for the parts that compute in float32), made once in the model's manager and kept for its lifetime: one native call per use
 * instead of three (DJL's {@code add(Number)} creates, casts and frees a scalar each time), and safe
 * under autograd, which may read a constant in the backward pass (see {@link Constants}).
 */
final class Scalars {

    private final NDManager manager;
    private final DataType type;
    private final Map<Double, NDArray> cache = new ConcurrentHashMap<>();

    Scalars(NDManager manager, DataType type) {
        this.manager = manager;
        this.type = type;
    }

    /** {@code value} rounded to float, as {@link Constants} and DJL's number arithmetic round it. */
    NDArray of(double value) {
        return cache.computeIfAbsent(value, v -> DtypeGuard.scalar(manager, (float) v.doubleValue(), type));
    }

    /** cap · tanh(x / cap). */
    NDArray softCap(NDArray x, double cap) {
        return x.div(of(cap)).tanh().mul(of(cap));
    }
}

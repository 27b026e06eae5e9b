package dev.kubetune.runner.quant;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;

/**
 * Named tensors as stored in a model folder's safetensors files: dtype ("U8", "I32", "F16", ...),
 * shape and raw little-endian bytes. The quantized layouts are read through this, whatever their dtype.
 */
public interface TensorSource {

    /** The model folder (its config.json says whether and how the weights are quantized). */
    Path folder();

    Set<String> names();

    boolean contains(String name);

    /** The stored shape, or null when there is no such tensor. */
    long[] shape(String name);

    /** The safetensors dtype, or null when there is no such tensor. */
    String dtype(String name);

    /** The tensor's bytes in little-endian order; a missing tensor is bad input naming it. */
    ByteBuffer bytes(String name);
}

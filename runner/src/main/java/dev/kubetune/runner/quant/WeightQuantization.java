package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.api.spec.QuantizationSpec;
import dev.kubetune.runner.BadInputException;

/**
 * Quantize-on-load settings (spec {@code model.quantization}): 8 bits, symmetric, one scale per output
 * channel; or 4 bits, one scale and offset per group of {@code groupSize} input columns.
 */
public record WeightQuantization(int bits, int groupSize) {

    public static final int DEFAULT_GROUP_SIZE = 64;

    /** groupSize when the spec leaves it out: 64, or the largest of 32 and 16 dividing a layer's input size. */
    public static final int AUTOMATIC = 0;

    public WeightQuantization {
        if (bits != 4 && bits != 8) {
            throw new BadInputException("model.quantization.bits: must be 4 or 8, not " + bits);
        }
        if (bits == 8 && groupSize != 0) {
            throw new BadInputException("model.quantization.groupSize: applies to bits: 4 only (8-bit is per output channel)");
        }
        if (bits == 4 && groupSize != AUTOMATIC && groupSize != 16 && groupSize != 32 && groupSize != 64 && groupSize != 128
                && groupSize != 256) {
            throw new BadInputException("model.quantization.groupSize: must be 16, 32, 64, 128 or 256, not " + groupSize);
        }
    }

    public static WeightQuantization int8() {
        return new WeightQuantization(8, 0);
    }

    public static WeightQuantization int4(int groupSize) {
        return new WeightQuantization(4, groupSize);
    }

    /** The spec's block, or null when absent. */
    public static WeightQuantization of(QuantizationSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.getBits() == null) {
            throw new BadInputException("model.quantization.bits: required (4 or 8)");
        }
        int bits = spec.getBits();
        Integer group = spec.getGroupSize();
        return new WeightQuantization(bits, group == null ? AUTOMATIC : group);
    }

    /** "int8 per channel" or "int4, group size 64". */
    public String describe() {
        return bits == 8 ? "int8 per channel" : "int4, group size " + (groupSize == AUTOMATIC
                ? DEFAULT_GROUP_SIZE + " (32 or 16 where a layer's input size needs it)" : String.valueOf(groupSize));
    }

    /**
     * The quantized linear weight of {@code module} from {@code w} [rows, columns] (any float dtype; read
     * only), held in {@code manager} with its scales in {@code type}.
     */
    public QuantizedLinear quantize(String module, NDArray w, DataType type, NDManager manager) {
        if (bits == 8) {
            return Int8Linear.quantize(w, manager);
        }
        long columns = w.getShape().get(1);
        int group = groupSize != AUTOMATIC ? groupSize
                : columns % DEFAULT_GROUP_SIZE == 0 ? DEFAULT_GROUP_SIZE : columns % 32 == 0 ? 32 : 16;
        if (columns % group != 0) {
            throw new BadInputException("model.quantization.groupSize: " + group + " does not divide the "
                    + columns + " input columns of " + module);
        }
        return Int4Linear.quantize(w, group, type, manager);
    }

    /** {@link #quantize(String, NDArray, DataType, NDManager)} of float32 values [rows, columns] row-major. */
    public QuantizedLinear quantize(String module, float[] values, int rows, int columns, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            return quantize(module, scratch.create(values, new Shape(rows, columns)), DataType.FLOAT32, manager);
        }
    }
}

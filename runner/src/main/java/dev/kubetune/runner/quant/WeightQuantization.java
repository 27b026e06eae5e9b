package dev.kubetune.runner.quant;

import dev.kubetune.api.spec.QuantizationSpec;
import dev.kubetune.runner.BadInputException;

/**
 * Quantize-on-load settings (spec {@code model.quantization}): 8 bits, symmetric, one scale per output
 * channel; or 4 bits, one scale and offset per group of {@code groupSize} input columns.
 */
public record WeightQuantization(int bits, int groupSize) {

    public static final int DEFAULT_GROUP_SIZE = 64;

    public WeightQuantization {
        if (bits != 4 && bits != 8) {
            throw new BadInputException("model.quantization.bits: must be 4 or 8, not " + bits);
        }
        if (bits == 8 && groupSize != 0) {
            throw new BadInputException("model.quantization.groupSize: applies to bits: 4 only (8-bit is per output channel)");
        }
        if (bits == 4 && groupSize != 16 && groupSize != 32 && groupSize != 64 && groupSize != 128 && groupSize != 256) {
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
        return new WeightQuantization(bits, bits == 4 && group == null ? DEFAULT_GROUP_SIZE : group == null ? 0 : group);
    }

    /** "int8" or "int4 (group size 64)". */
    public String describe() {
        return bits == 8 ? "int8 per channel" : "int4, group size " + groupSize;
    }

    /** The quantized linear weight of {@code module}, float32 values [rows, columns] row-major. */
    public QuantizedLinear quantize(String module, float[] values, int rows, int columns, ai.djl.ndarray.NDManager manager) {
        if (bits == 8) {
            return Int8Linear.quantize(values, rows, columns, manager);
        }
        if (columns % groupSize != 0) {
            throw new BadInputException("model.quantization.groupSize: " + groupSize + " does not divide the "
                    + columns + " input columns of " + module);
        }
        return Int4Linear.quantize(values, rows, columns, groupSize, manager);
    }
}

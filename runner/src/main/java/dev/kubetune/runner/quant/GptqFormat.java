package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import dev.kubetune.runner.BadInputException;

/**
 * GPTQ 4-bit in the "gptq" (v1) checkpoint format written by AutoGPTQ, GPTQModel and optimum: per module
 * {@code qweight} (I32 [in / 8, out], eight 4-bit codes along the input dimension, lowest bits first),
 * {@code qzeros} (I32 [groups, out / 8], zero points minus one, packed along the output dimension),
 * {@code scales} (F16 [groups, out]) and {@code g_idx} (I32 [in], each input column's group; with act-order
 * not monotonic). Symmetric and asymmetric checkpoints differ only in the stored zeros.
 * <p>
 * Held in the int4 kernel's form ({@link Int4Linear}), input columns sorted by group when act-order
 * scattered them; dequantization, in float32 as the reference kernels compute it:
 * {@code w[o, i] = scales[g_idx[i], o] * (q[i, o] - (qzeros_nibble[g_idx[i], o] + 1))}.
 *
 * @param groupSize config.json's group_size (-1: one group), used only when a module has no g_idx
 */
record GptqFormat(int groupSize) implements QuantizedFormat {

    private static final int PACK = 8;

    @Override
    public boolean quantizes(TensorSource tensors, String module) {
        return tensors.contains(module + ".qweight");
    }

    @Override
    public QuantizedLinear load(TensorSource t, String module, DataType type, NDManager manager) {
        long[] packedShape = StoredTensor.check(t, module + ".qweight", "I32", null);
        if (packedShape.length != 2) {
            throw new BadInputException(t.folder() + ": quantized tensor '" + module + ".qweight' is not 2-d");
        }
        int in = Math.toIntExact(packedShape[0] * PACK);
        int out = (int) packedShape[1];
        if (out % PACK != 0) {
            throw new BadInputException(t.folder() + ": '" + module + ".qweight' has " + out
                    + " output features, not a multiple of 8 (qzeros packs 8 a word)");
        }
        int[] qweight = StoredTensor.int32(t, module + ".qweight", packedShape);
        long[] zerosShape = StoredTensor.check(t, module + ".qzeros", "I32", null);
        int groups = (int) zerosShape[0];
        int[] qzeros = StoredTensor.int32(t, module + ".qzeros", groups, out / PACK);
        float[] scales = StoredTensor.float16(t, module + ".scales", groups, out);
        int[] groupOf = groupIndex(t, module, in, groups);
        long[] order = heldOrder(t, module, groupOf, groups);
        float[] heldScales = new float[groups * out];
        float[] zeros = new float[groups * out];
        for (int g = 0; g < groups; g++) {
            for (int o = 0; o < out; o++) {
                int zero = ((qzeros[g * (out / PACK) + o / PACK] >>> (4 * (o % PACK))) & 0x0f) + 1;
                float s = scales[g * out + o];
                // s (a float16 value) times a small integer is exact in float32, and so is the sum
                // (q - 8) * s + s * (8 - zero) = s * (q - zero): bit for bit the reference dequantization
                heldScales[g * out + o] = s;
                zeros[g * out + o] = s * (8 - zero);
            }
        }
        byte[] codes = new byte[Math.multiplyExact(in, out)];
        for (int j = 0; j < in; j++) {
            int i = order == null ? j : (int) order[j];
            int shift = 4 * (i % PACK);
            int row = (i / PACK) * out;
            for (int o = 0; o < out; o++) {
                codes[o * in + j] = (byte) ((qweight[row + o] >>> shift) & 0x0f);
            }
        }
        return Int4Linear.of(codes, out, in, heldScales, zeros, in / groups, order, type, manager);
    }

    /**
     * The input columns sorted by group (stable), so that each group is a run of equal length as the int4
     * layout needs; null when they already are (no act-order). Groups of unequal size are not supported.
     */
    private static long[] heldOrder(TensorSource t, String module, int[] groupOf, int groups) {
        int in = groupOf.length;
        if (in % groups != 0) {
            throw new BadInputException(t.folder() + ": '" + module + "' has " + in + " input columns in " + groups
                    + " groups of unequal size (not supported)");
        }
        int size = in / groups;
        int[] filled = new int[groups];
        long[] order = new long[in];
        boolean sorted = true;
        for (int i = 0; i < in; i++) {
            int g = groupOf[i];
            if (filled[g] == size) {
                throw new BadInputException(t.folder() + ": '" + module + ".g_idx' puts more than " + size
                        + " input columns in group " + g + " (groups of unequal size are not supported)");
            }
            order[g * size + filled[g]++] = i;
            sorted &= g == i / size;
        }
        return sorted ? null : order;
    }

    @Override
    public String describe() {
        return "GPTQ 4-bit" + (groupSize > 0 ? ", group size " + groupSize : "");
    }

    private int[] groupIndex(TensorSource t, String module, int in, int groups) {
        int[] groupOf;
        if (t.contains(module + ".g_idx")) {
            groupOf = StoredTensor.int32(t, module + ".g_idx", in);
        } else {
            groupOf = new int[in];
            for (int i = 0; i < in; i++) {
                groupOf[i] = groupSize > 0 ? i / groupSize : 0;
            }
        }
        for (int i = 0; i < in; i++) {
            if (groupOf[i] < 0 || groupOf[i] >= groups) {
                throw new BadInputException(t.folder() + ": '" + module + ".g_idx' names group " + groupOf[i]
                        + " for input column " + i + ", but there are " + groups + " groups");
            }
        }
        return groupOf;
    }
}

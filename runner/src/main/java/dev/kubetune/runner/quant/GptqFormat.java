package dev.kubetune.runner.quant;

import dev.kubetune.runner.BadInputException;

/**
 * GPTQ 4-bit in the "gptq" (v1) checkpoint format written by AutoGPTQ, GPTQModel and optimum: per module
 * {@code qweight} (I32 [in / 8, out], eight 4-bit codes along the input dimension, lowest bits first),
 * {@code qzeros} (I32 [groups, out / 8], zero points minus one, packed along the output dimension),
 * {@code scales} (F16 [groups, out]) and {@code g_idx} (I32 [in], each input column's group; with act-order
 * not monotonic). Symmetric and asymmetric checkpoints differ only in the stored zeros.
 * <p>
 * Dequantization, in float32 as the reference kernels compute it:
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
    public DequantizedWeight dequantize(TensorSource t, String module) {
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
        float[] values = new float[Math.multiplyExact(in, out)];
        for (int i = 0; i < in; i++) {
            int g = groupOf[i];
            int shift = 4 * (i % PACK);
            int row = (i / PACK) * out;
            for (int o = 0; o < out; o++) {
                int q = (qweight[row + o] >>> shift) & 0x0f;
                int zero = ((qzeros[g * (out / PACK) + o / PACK] >>> (4 * (o % PACK))) & 0x0f) + 1;
                values[o * in + i] = scales[g * out + o] * (float) (q - zero);
            }
        }
        return new DequantizedWeight(out, in, values);
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

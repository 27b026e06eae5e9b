package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.DtypeGuard;

/**
 * Rotary position embedding in Hugging Face's rotate_half layout, with Llama 3 frequency scaling
 * when the config asks for it. rotate_half(x) is computed as x times a fixed signed permutation matrix,
 * one matmul instead of a split, a negation and a concatenation.
 */
public final class RotaryEmbedding {

    private final NDArray inverseFrequencies;
    private final NDArray rotateHalf;

    public RotaryEmbedding(ModelConfig config, NDManager manager, DataType computeType) {
        int dim = config.headDim();
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            // float32 like the reference: 1 / theta^(2i/d)
            float exponent = (float) (2 * i) / dim;
            inv[i] = (float) (1.0 / Math.pow(config.ropeTheta(), exponent));
        }
        if (config.ropeScaling() != null) {
            scaleLlama3(inv, config.ropeScaling());
        }
        inverseFrequencies = manager.create(inv);
        float[] rotation = new float[dim * dim];
        int half = dim / 2;
        for (int j = 0; j < half; j++) {
            rotation[(j + half) * dim + j] = -1f;
            rotation[j * dim + j + half] = 1f;
        }
        rotateHalf = DtypeGuard.fromFloats(manager, rotation, new Shape(dim, dim), computeType);
    }

    /** cos and sin of shape [B, 1, T, headDim] for positions [B, T], computed in float32, given in the compute type. */
    public NDList cosSin(NDArray positions, DataType computeType) {
        NDArray freqs = DtypeGuard.cast(positions, DataType.FLOAT32).expandDims(-1).mul(inverseFrequencies);
        NDArray angles = freqs.concat(freqs, -1).expandDims(1);
        return new NDList(DtypeGuard.cast(angles.cos(), computeType), DtypeGuard.cast(angles.sin(), computeType));
    }

    /** x [B, heads, T, headDim] rotated by the positions' angles. */
    public NDArray apply(NDArray x, NDList cosSin) {
        return x.mul(cosSin.get(0)).add(x.matMul(rotateHalf).mul(cosSin.get(1)));
    }

    private static void scaleLlama3(float[] inv, ModelConfig.Llama3RopeScaling s) {
        double lowWavelen = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
        double highWavelen = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            float f = inv[i];
            float wavelen = (float) (2 * Math.PI / f);
            float scaled = wavelen > lowWavelen ? (float) (f / s.factor()) : f;
            boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
            if (medium) {
                float smooth = (float) ((s.originalMaxPositionEmbeddings() / wavelen - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor()));
                scaled = (float) ((1 - smooth) * scaled / s.factor() + smooth * scaled);
            }
            inv[i] = scaled;
        }
    }
}

package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.quant.QuantizedLinear;

/**
 * The decoder-only transformer shared by Llama, Mistral, Qwen2, Qwen3 and Gemma2: the differences are
 * the {@link Architecture} traits and the {@link ModelConfig} numbers. The forward pass uses no
 * in-place operation (the KV cache aside), so it can run under autograd with LoRA deltas that require
 * gradients. Results live in the manager of the input's arrays: give each step a sub-manager.
 */
public final class Decoder {

    private final ModelConfig config;
    private final DecoderWeights weights;
    private final RotaryEmbedding rotary;
    private final DataType computeType;
    private final Scalars scalars;
    private final Scalars floats;
    private final Attention attentionCore;

    public Decoder(ModelConfig config, DecoderWeights weights, RotaryEmbedding rotary, DataType computeType) {
        this(config, weights, rotary, computeType,
                new Scalars(weights.get("model.embed_tokens.weight").getManager(), computeType),
                new Scalars(weights.get("model.embed_tokens.weight").getManager(), DataType.FLOAT32),
                Attention.DEFAULT_SCORE_BUDGET);
    }

    private Decoder(ModelConfig config, DecoderWeights weights, RotaryEmbedding rotary, DataType computeType,
                    Scalars scalars, Scalars floats, long scoreBudget) {
        this.config = config;
        this.weights = weights;
        this.rotary = rotary;
        this.computeType = computeType;
        this.scalars = scalars;
        this.floats = floats;
        this.attentionCore = new Attention(config, floats, computeType, scoreBudget);
    }

    public ModelConfig config() {
        return config;
    }

    public DecoderWeights weights() {
        return weights;
    }

    public DataType computeType() {
        return computeType;
    }

    /** The same decoder over other weights (for example LoRA merged into them). */
    public Decoder withWeights(DecoderWeights other) {
        return new Decoder(config, other, rotary, computeType, scalars, floats, attentionCore.scoreBudget());
    }

    /** The same decoder with attention chunked so that one query chunk holds at most {@code elements} scores. */
    Decoder withScoreBudget(long elements) {
        return new Decoder(config, weights, rotary, computeType, scalars, floats, elements);
    }

    /** Final hidden states [B, T, hidden]; {@code cache} may be null (training, one-shot scoring). */
    public NDArray forward(DecoderInput input, KvCache cache, WeightDeltas deltas) {
        NDArray x = embed(input);
        NDList cosSin = rotary(input);
        NDManager step = x.getManager();
        for (int l = 0; l < config.numLayers(); l++) {
            // a layer's intermediates are closed when it ends (the layer's ops put their results in the
            // manager of x, temporarily this one's): a long prompt's prefill holds one layer's activations at
            // a time. Under autograd, closing an array drops only DJL's handle: the tensors the backward pass
            // needs are held by libtorch's graph, as in PyTorch, and every other one is freed now. In
            // generation (a cache) the layer's input hidden states go with it; in training the caller's
            // input is left to its owner
            try (NDManager layer = step.newSubManager()) {
                if (cache != null) {
                    x.attach(layer);
                } else {
                    x.tempAttach(layer);
                }
                x = layer(l, x, cosSin, input, cache, deltas);
                x.attach(step);
            }
        }
        return finalNorm(x);
    }

    /** The token embeddings [B, T, hidden] that enter the first layer, in the input's manager. */
    public NDArray embed(DecoderInput input) {
        NDArray ids = input.tokenIds();
        NDArray x = ids.getNDArrayInternal()
                .embedding(ids, weights.get("model.embed_tokens.weight"), SparseFormat.DENSE).singletonOrThrow();
        return config.architecture().gemmaStyle ? x.mul(scalars.of(Math.sqrt(config.hiddenSize()))) : x;
    }

    /** The rotary cosines and sines of the input's positions, for {@link #layer(int, NDArray, NDList, DecoderInput, WeightDeltas)}. */
    public NDList rotary(DecoderInput input) {
        return rotary.cosSin(input.positions(), computeType);
    }

    /** Layer {@code l} without a cache: its output [B, T, hidden] from its input, in x's manager. */
    public NDArray layer(int l, NDArray x, NDList cosSin, DecoderInput input, WeightDeltas deltas) {
        return layer(l, x, cosSin, input, null, deltas);
    }

    /** The final norm of the last layer's output: the hidden states {@link #logits} takes. */
    public NDArray finalNorm(NDArray x) {
        return rmsNorm(x, "model.norm.weight");
    }

    private NDArray layer(int l, NDArray x, NDList cosSin, DecoderInput input, KvCache cache, WeightDeltas deltas) {
        Architecture arch = config.architecture();
        String p = DecoderWeights.layerPrefix(l);
        NDArray attention = attention(l, rmsNorm(x, p + "input_layernorm.weight"), cosSin, input, cache, deltas);
        if (arch.sandwichNorms) {
            attention = rmsNorm(attention, p + "post_attention_layernorm.weight");
        }
        NDArray h = x.add(attention);
        NDArray mlp = mlp(p, rmsNorm(h, p + arch.preMlpNormName() + ".weight"), deltas);
        if (arch.sandwichNorms) {
            mlp = rmsNorm(mlp, p + "post_feedforward_layernorm.weight");
        }
        return h.add(mlp);
    }

    /**
     * Float32 logits [.., vocab] from hidden states [.., hidden], soft-capped where the architecture does
     * (the product in the compute type, then widened, as Hugging Face's {@code logits.float()}).
     */
    public NDArray logits(NDArray hidden) {
        NDArray head = weights.get(config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
        NDArray logits = DtypeGuard.cast(Linear.linear(hidden, head).singletonOrThrow(), DataType.FLOAT32);
        Double cap = config.finalLogitSoftcapping();
        return cap == null ? logits : floats.softCap(logits, cap);
    }

    private NDArray attention(int layer, NDArray h, NDList cosSin, DecoderInput input,
                              KvCache cache, WeightDeltas deltas) {
        String p = DecoderWeights.layerPrefix(layer) + "self_attn.";
        int batch = input.batchSize();
        int length = input.length();
        int heads = config.numHeads();
        int kvHeads = config.numKeyValueHeads();
        int dim = config.headDim();
        NDArray wide = deltaInput(h, deltas, p + "q_proj", p + "k_proj", p + "v_proj");
        NDArray q = project(p + "q_proj", h, wide, deltas).reshape(batch, length, heads, dim);
        NDArray k = project(p + "k_proj", h, wide, deltas).reshape(batch, length, kvHeads, dim);
        NDArray v = project(p + "v_proj", h, wide, deltas).reshape(batch, length, kvHeads, dim).transpose(0, 2, 1, 3);
        if (config.architecture().queryKeyNorm) {
            q = rmsNorm(q, p + "q_norm.weight");
            k = rmsNorm(k, p + "k_norm.weight");
        }
        q = rotary.apply(q.transpose(0, 2, 1, 3), cosSin).mul(scalars.of(config.attentionScale()));
        k = rotary.apply(k.transpose(0, 2, 1, 3), cosSin);
        if (cache != null) {
            NDList kv = cache.append(layer, k, v, input.cacheStart());
            k = kv.get(0);
            v = kv.get(1);
        }
        NDArray out = attentionCore.attend(layer, q, k, v, input, cache != null);
        return project(p + "o_proj", out, deltas);
    }

    private NDArray mlp(String prefix, NDArray h, WeightDeltas deltas) {
        String p = prefix + "mlp.";
        NDArray wide = deltaInput(h, deltas, p + "gate_proj", p + "up_proj");
        NDArray gate = project(p + "gate_proj", h, wide, deltas);
        NDArray up = project(p + "up_proj", h, wide, deltas);
        return project(p + "down_proj", activate(gate).mul(up), deltas);
    }

    private NDArray activate(NDArray gate) {
        return switch (config.architecture().activation) {
            case SILU -> gate.mul(Activation.sigmoid(gate));
            case GELU_TANH -> {
                NDArray inner = gate.add(gate.pow(scalars.of(3)).mul(scalars.of(0.044715)))
                        .mul(scalars.of(Math.sqrt(2.0 / Math.PI)));
                yield gate.mul(scalars.of(0.5)).mul(inner.tanh().add(scalars.of(1)));
            }
        };
    }

    private NDArray project(String module, NDArray x, WeightDeltas deltas) {
        return project(module, x, deltaInput(x, deltas, module), deltas);
    }

    /**
     * The module's output for {@code x}; its delta (float32 LoRA), if any, takes {@code deltaInput} (x
     * widened to float32 once for the modules that share it: autograd keeps that copy for the backward
     * pass, one per input rather than one per module) and is added in float32, the sum rounded back, as
     * PEFT does.
     */
    private NDArray project(String module, NDArray x, NDArray deltaInput, WeightDeltas deltas) {
        QuantizedLinear quantized = weights.quantizedLinear(module);
        NDArray y = quantized != null ? quantized.apply(x, weights.find(module + ".bias"))
                : Linear.linear(x, weights.get(module + ".weight"), weights.find(module + ".bias")).singletonOrThrow();
        WeightDeltas.LinearDelta delta = deltas.forModule(module);
        return delta == null ? y : DtypeGuard.cast(delta.apply(deltaInput).add(y), computeType);
    }

    /** {@code x} in float32 when one of {@code modules} has a delta, else {@code x}. */
    private NDArray deltaInput(NDArray x, WeightDeltas deltas, String... modules) {
        for (String module : modules) {
            if (deltas.forModule(module) != null) {
                return DtypeGuard.cast(x, DataType.FLOAT32);
            }
        }
        return x;
    }

    /** In float32 with a float32 weight, the result in the compute type. */
    private NDArray rmsNorm(NDArray x, String weightName) {
        NDArray wide = DtypeGuard.cast(x, DataType.FLOAT32);
        NDArray meanSquare = wide.mul(wide).mean(new int[] {-1}, true);
        NDArray normed = wide.mul(meanSquare.add(floats.of(config.rmsNormEps())).pow(floats.of(-0.5)))
                .mul(weights.get(weightName));
        return DtypeGuard.cast(normed, computeType);
    }
}

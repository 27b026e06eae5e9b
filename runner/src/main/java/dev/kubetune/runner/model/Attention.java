package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.torch.DtypeGuard;
import ai.djl.ndarray.types.Shape;

/**
 * Scaled dot-product attention by query chunks: no batch × T × S mask or score matrix is ever
 * materialised. Each chunk of queries sees only the key slots its causal (and sliding-window) range
 * can reach, and its additive mask [B, 1, 1, C, K] is built from the slots, each row's left padding and
 * the window. The chunk length keeps one chunk's scores under {@link #DEFAULT_SCORE_BUDGET} elements,
 * so prefill memory grows linearly with the prompt (KV cache plus one layer's activations).
 * Grouped-query attention without repeating keys: each kv head serves {@code heads / kvHeads} query heads.
 */
final class Attention {

    /** Score elements of one query chunk (64 MiB in float32). */
    static final long DEFAULT_SCORE_BUDGET = 1L << 24;

    private final ModelConfig config;
    private final Scalars floats;
    private final DataType computeType;
    private final long scoreBudget;

    /** {@code floats}: the decoder's float32 constants (scores are masked and normalised in float32). */
    Attention(ModelConfig config, Scalars floats, DataType computeType, long scoreBudget) {
        this.config = config;
        this.floats = floats;
        this.computeType = computeType;
        this.scoreBudget = scoreBudget;
    }

    long scoreBudget() {
        return scoreBudget;
    }

    /** Query rows per chunk for a batch of {@code batch} rows over {@code keys} key slots. */
    int chunkLength(int batch, long keys) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, scoreBudget / ((long) batch * config.numHeads() * keys)));
    }

    /**
     * Attention of layer {@code layer}'s queries over its keys and values.
     *
     * @param q scaled, rotated queries [B, heads, T, d] at slots [cacheStart, cacheStart + T)
     * @param k rotated keys [B, kvHeads, S, d] of slots [0, S), S = cacheStart + T
     * @param v values [B, kvHeads, S, d]
     * @param freeChunks whether each chunk's intermediates may be freed when it ends (no autograd)
     * @return [B, T, heads · d]
     */
    NDArray attend(int layer, NDArray q, NDArray k, NDArray v, DecoderInput input, boolean freeChunks) {
        int batch = input.batchSize();
        int length = input.length();
        int heads = config.numHeads();
        int kvHeads = config.numKeyValueHeads();
        int group = heads / kvHeads;
        int dim = config.headDim();
        Integer window = config.slidingLayer(layer) ? config.slidingWindow() : null;
        NDArray grouped = q.reshape(batch, kvHeads, group, length, dim);
        NDManager parent = q.getManager();
        int chunk = chunkLength(batch, k.getShape().get(2));
        NDList parts = new NDList();
        for (int from = 0; from < length; from += chunk) {
            int to = Math.min(length, from + chunk);
            if (!freeChunks) {
                parts.add(chunk(grouped, k, v, input, window, from, to, parent));
                continue;
            }
            try (NDManager scope = parent.newSubManager()) {
                NDArray part = chunk(grouped, k, v, input, window, from, to, scope);
                part.attach(parent);
                parts.add(part);
            }
        }
        NDArray out = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 3);
        return out.reshape(batch, heads, length, dim).transpose(0, 2, 1, 3).reshape(batch, length, heads * dim);
    }

    /** Queries [from, to) of {@code grouped} [B, kvHeads, group, T, d]; returns [B, kvHeads, group, to - from, d]. */
    private NDArray chunk(NDArray grouped, NDArray k, NDArray v, DecoderInput input, Integer window, int from, int to,
                          NDManager scope) {
        Shape shape = grouped.getShape();
        long batch = shape.get(0);
        long kvHeads = shape.get(1);
        long group = shape.get(2);
        long dim = shape.get(4);
        int rows = to - from;
        int firstQuery = input.cacheStart() + from;
        int lastQuery = input.cacheStart() + to - 1;
        int firstKey = window == null ? 0 : Math.max(0, firstQuery - window + 1);
        int keys = lastQuery + 1 - firstKey;
        NDIndex keyRange = new NDIndex(":, :, {}:{}", firstKey, lastQuery + 1);
        NDArray queries = grouped.get(scope, new NDIndex(":, :, :, {}:{}", from, to)).reshape(batch, kvHeads, group * rows, dim);
        // scores in the compute type, masked and normalised in float32 (Hugging Face's softmax(dtype=float32))
        NDArray scores = DtypeGuard.cast(queries.matMul(k.get(scope, keyRange).transpose(0, 1, 3, 2)), DataType.FLOAT32);
        Double cap = config.attnLogitSoftcapping();
        if (cap != null) {
            scores = floats.softCap(scores, cap);
        }
        NDArray weights = DtypeGuard.cast(DtypeGuard.softmax(scores.reshape(batch, kvHeads, group, rows, keys)
                .add(mask(scope, input.padding(), firstQuery, rows, firstKey, keys, window)), -1), computeType)
                .reshape(batch, kvHeads, group * rows, keys);
        return weights.matMul(v.get(scope, keyRange)).reshape(batch, kvHeads, group, rows, dim);
    }

    /**
     * The additive mask [B, 1, 1, rows, keys] of query slots [firstQuery, firstQuery + rows) over key slots
     * [firstKey, firstKey + keys): 0 where row b's key slot s is visible from query slot t (s not padding,
     * s ≤ t, and t - s &lt; window when there is one), a large negative number elsewhere.
     */
    NDArray mask(NDManager scope, int[] padding, int firstQuery, int rows, int firstKey, int keys, Integer window) {
        NDArray keySlots = scope.arange(firstKey, firstKey + keys).reshape(1, 1, 1, 1, keys);
        NDArray querySlots = scope.arange(firstQuery, firstQuery + rows).reshape(1, 1, 1, rows, 1);
        NDArray pads = scope.create(padding).reshape(padding.length, 1, 1, 1, 1);
        NDArray visible = keySlots.gte(pads).logicalAnd(keySlots.lte(querySlots));
        if (window != null) {
            visible = visible.logicalAnd(keySlots.gt(querySlots.sub(window)));
        }
        // float32 whatever the compute type: scores are masked in float32
        return DtypeGuard.cast(visible.logicalNot(), DataType.FLOAT32).mul(floats.of(-1e9f));
    }
}

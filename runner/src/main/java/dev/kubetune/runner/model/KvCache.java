package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.runner.torch.DtypeGuard;

/**
 * Keys and values of every layer, preallocated for {@code capacity} slots and written in place as
 * generation advances (inference only; training runs without a cache).
 */
public final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(ModelConfig config, int batch, int capacity, NDManager manager, DataType type) {
        keys = new NDArray[config.numLayers()];
        values = new NDArray[config.numLayers()];
        Shape shape = new Shape(batch, config.numKeyValueHeads(), capacity, config.headDim());
        for (int l = 0; l < keys.length; l++) {
            keys[l] = DtypeGuard.zeros(manager, shape, type);
            values[l] = DtypeGuard.zeros(manager, shape, type);
        }
    }

    private KvCache(NDArray[] keys, NDArray[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * A cache of {@code batch * times} rows in {@code manager}, row b of this one copied into rows
     * [b * times, (b + 1) * times): several continuations of one prefilled prompt share its keys and values.
     */
    public KvCache repeatRows(int times, NDManager manager) {
        NDArray[] k = new NDArray[keys.length];
        NDArray[] v = new NDArray[values.length];
        for (int l = 0; l < keys.length; l++) {
            k[l] = keys[l].repeat(0, times);
            k[l].attach(manager);
            v[l] = values[l].repeat(0, times);
            v[l].attach(manager);
        }
        return new KvCache(k, v);
    }

    /** Writes k, v [B, kvHeads, T, d] at slots [start, start+T) and returns keys and values of slots [0, start+T). */
    public NDList append(int layer, NDArray k, NDArray v, int start) {
        int end = start + (int) k.getShape().get(2);
        NDIndex slots = new NDIndex(":, :, {}:{}", start, end);
        keys[layer].set(slots, k);
        values[layer].set(slots, v);
        NDIndex filled = new NDIndex(":, :, :{}", end);
        NDManager step = k.getManager();
        return new NDList(keys[layer].get(step, filled), values[layer].get(step, filled));
    }
}

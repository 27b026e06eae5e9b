package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;

/**
 * Extra terms added to the output of the decoder's linear modules without touching the base weights,
 * so one loaded base serves many adapters (LoRA applied unmerged). {@link #NONE} adds nothing.
 */
public interface WeightDeltas {

    WeightDeltas NONE = module -> null;

    /** The delta for a module such as "model.layers.0.self_attn.q_proj", or null for none. */
    LinearDelta forModule(String module);

    /** A function of the module's input added to the module's output. */
    interface LinearDelta {
        NDArray apply(NDArray input);
    }
}

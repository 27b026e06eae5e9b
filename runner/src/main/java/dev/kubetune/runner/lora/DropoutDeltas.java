package dev.kubetune.runner.lora;

import ai.djl.nn.norm.Dropout;
import dev.kubetune.runner.model.WeightDeltas;

/**
 * An adapter as it is applied while training with LoRA dropout (PEFT's {@code lora_dropout}): the
 * module's input is dropped out on its way into A only, the base path sees it whole. The dropout masks
 * come from the engine's random generator, which the trainer seeds.
 */
public record DropoutDeltas(LoraAdapter adapter, float rate) implements WeightDeltas {

    @Override
    public LinearDelta forModule(String module) {
        LinearDelta delta = adapter.forModule(module);
        if (delta == null) {
            return null;
        }
        return x -> delta.apply(Dropout.dropout(x, rate, true).singletonOrThrow());
    }
}

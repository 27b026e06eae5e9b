package dev.kubetune.runner.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forward pass runs under autograd with LoRA factors as the only trainable arrays. */
class LoraGradientTest {

    @Test
    void gradientsReachTheAdapterFactors() {
        LanguageModel model = Fixtures.model("tiny-gemma2");
        List<long[]> batch = Fixtures.cases("tiny-gemma2").stream().map(Fixtures.Case::inputIds).toList();
        try (NDManager manager = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraAdapter.load(Fixtures.folder("tiny-gemma2").resolve("adapter"), model.config(),
                    model.decoder().weights(), manager);
            adapter.modules().values().forEach(f -> {
                f.a().setRequiresGradient(true);
                f.b().setRequiresGradient(true);
            });
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                DecoderInput input = DecoderInput.leftPadded(manager, batch, 0, new int[batch.size()]);
                NDArray logits = model.decoder().logits(model.decoder().forward(input, null, adapter));
                collector.backward(logits.logSoftmax(-1).max(new int[] {-1}).mean().neg());
            }
            for (LoraAdapter.Factors f : adapter.modules().values()) {
                assertThat(f.a().getGradient().abs().sum().getFloat()).isPositive();
                assertThat(f.b().getGradient().abs().sum().getFloat()).isPositive();
            }
        }
    }
}

package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraInitializer;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.quant.WeightQuantization;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Layer-by-layer recomputation gives the loss and LoRA gradients of the whole-graph backward pass, on a
 * 4-bit base (where QLoRA uses it; its graph-free forward pass goes through libtorch's int4 kernel where
 * the group size allows).
 */
class LayerwiseBackwardTest {

    @Test
    void lossAndGradientsEqualTheWholeGraphs() {
        Engine engine = Engine.getEngine("PyTorch");
        try (LanguageModel model = LanguageModel.load(Fixtures.folder(TrainingFixtures.MODEL), Device.cpu(),
                DataType.FLOAT32, new WeightQuantization(4, WeightQuantization.AUTOMATIC));
             NDManager scope = model.manager().newSubManager()) {
            List<TokenizedExample> batch = TrainingFixtures.encode(model,
                    TrainingFixtures.constantAnswer("respiratory"), 128).subList(0, 3);
            LoraAdapter adapter = LoraInitializer.create(model.config(), model.decoder().weights(),
                    TrainingFixtures.lora(), 3, scope);
            SplittableRandom random = new SplittableRandom(5);
            adapter.modules().values().forEach(f -> {
                float[] b = new float[(int) f.b().size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) random.nextDouble(-0.3, 0.3);
                }
                f.b().set(b);
            });
            double whole;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray loss = ResponseLoss.sum(model.decoder(), batch, 0, adapter, scope);
                whole = loss.getFloat();
                collector.backward(loss.div(7f));
            }
            List<float[]> expected = takeGradients(adapter);
            double layerwise = LayerwiseBackward.run(model.decoder(), ResponseLoss.of(batch, 0, scope), adapter, 7,
                    engine, 1, scope);
            List<float[]> actual = takeGradients(adapter);
            assertThat(layerwise).isCloseTo(whole, within(1e-4 * Math.abs(whole)));
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < actual.size(); i++) {
                float scale = 0;
                for (float g : expected.get(i)) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertThat(scale).as("factor %d has a gradient", i).isGreaterThan(0f);
                assertThat(actual.get(i)).as("factor %d", i).containsExactly(expected.get(i), within(1e-4f * scale));
            }
        }
    }

    /** Every factor's gradient, in a fixed order, then zeroed. */
    private static List<float[]> takeGradients(LoraAdapter adapter) {
        List<float[]> gradients = new ArrayList<>();
        adapter.modules().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            for (NDArray w : List.of(e.getValue().a(), e.getValue().b())) {
                NDArray g = w.getGradient();
                gradients.add(g.toFloatArray());
                g.subi(g);
            }
        });
        return gradients;
    }
}

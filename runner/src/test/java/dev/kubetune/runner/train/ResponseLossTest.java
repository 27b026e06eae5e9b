package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraInitializer;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loss counts response tokens only, padding changes nothing, and its gradients are the true ones. */
class ResponseLossTest {

    private final LanguageModel model = TrainingFixtures.model();
    private final List<TokenizedExample> examples =
            TrainingFixtures.encode(model, TrainingFixtures.constantAnswer("respiratory").subList(0, 3), 128);

    @Test
    void batchedLossSumsTheResponseTokensOfEachSequenceAlone() {
        try (NDManager scope = model.manager().newSubManager()) {
            float batched = ResponseLoss.sum(model.decoder(), examples, 0, WeightDeltas.NONE, scope).getFloat();
            double expected = 0;
            for (TokenizedExample e : examples) {
                expected += responseLossAlone(e, scope);
            }
            assertThat((double) batched).isCloseTo(expected, within(1e-3 * expected));
            TokenizedExample unmasked = new TokenizedExample("all", examples.get(0).tokens(), 1, false);
            float whole = ResponseLoss.sum(model.decoder(), List.of(unmasked), 0, WeightDeltas.NONE, scope).getFloat();
            assertThat((double) whole).isGreaterThan(responseLossAlone(examples.get(0), scope));
        }
    }

    @Test
    void gradientsOfTheLoraFactorsMatchFiniteDifferences() {
        try (NDManager scope = model.manager().newSubManager()) {
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
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(ResponseLoss.sum(model.decoder(), examples, 0, adapter, scope));
            }
            LoraAdapter.Factors factors = adapter.modules().get("model.layers.1.self_attn.v_proj");
            for (NDArray weight : List.of(factors.a(), factors.b())) {
                float[] gradient = weight.getGradient().toFloatArray();
                for (int i : TrainingFixtures.largest(gradient, 3)) {
                    double numeric = TrainingFixtures.centralDifference(model, weight, i, adapter, examples, scope);
                    assertThat(numeric).as("element " + i).isCloseTo(gradient[i], within(0.02 * Math.abs(gradient[i]) + 2e-3));
                }
            }
        }
    }

    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() throws Exception {
        float[] calm = gradientOfOneFactor(false);
        float[] collected = gradientOfOneFactor(true);
        assertThat(collected).containsExactly(calm);
        for (float g : collected) {
            assertThat(Float.isFinite(g)).isTrue();
        }
    }

    /** dLoss/dB of one module; with {@code collect}, the garbage collector runs between forward and backward. */
    private float[] gradientOfOneFactor(boolean collect) throws Exception {
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraInitializer.create(model.config(), model.decoder().weights(),
                    TrainingFixtures.lora(), 3, scope);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = ResponseLoss.sum(model.decoder(), examples, 0, adapter, scope);
                if (collect) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                }
                collector.backward(loss);
            }
            return adapter.modules().get("model.layers.1.self_attn.q_proj").b().getGradient().toFloatArray();
        }
    }


    private double responseLossAlone(TokenizedExample e, NDManager parent) {
        try (NDManager scope = parent.newSubManager()) {
            DecoderInput input = DecoderInput.leftPadded(scope, List.of(e.tokens()), 0, new int[1]);
            float[] logProbs = model.decoder().logits(model.decoder().forward(input, null, WeightDeltas.NONE))
                    .logSoftmax(-1).toFloatArray();
            int vocab = model.config().vocabSize();
            double loss = 0;
            for (int j = e.responseStart(); j < e.tokens().length; j++) {
                loss -= logProbs[(j - 1) * vocab + (int) e.tokens()[j]];
            }
            return loss;
        }
    }
}

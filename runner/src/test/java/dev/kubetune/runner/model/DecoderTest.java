package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecoderTest {

    static java.util.stream.Stream<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void lastPositionLogitsMatchTheReference(String fixture) {
        LanguageModel model = Fixtures.model(fixture);
        for (Fixtures.Case c : Fixtures.cases(fixture)) {
            float[] logits = Fixtures.lastLogits(model, c.inputIds(), WeightDeltas.NONE);
            assertThat(logits).as(fixture + ": " + c.text())
                    .containsExactly(c.base().lastLogits(), within(Fixtures.tolerance(model, c.base().lastLogits())));
        }
    }

    @Test
    void bfloat16WeightsWidenedToFloat32MatchTheReferenceToFloat32Precision() {
        String fixture = "tiny-qwen2-bf16";
        try (LanguageModel model = LanguageModel.load(Fixtures.folder(fixture), ComputePlacement.CPU)) {
            assertThat(Fixtures.storedPlacement(fixture).dtype()).isEqualTo(DataType.BFLOAT16);
            assertThat(Fixtures.model(fixture).decoder().computeType()).isEqualTo(DataType.BFLOAT16);
            for (Fixtures.Case c : Fixtures.cases(fixture)) {
                assertThat(Fixtures.lastLogits(model, c.inputIds(), WeightDeltas.NONE)).as(c.text())
                        .containsExactly(c.base().lastLogits(), within(1e-3f));
            }
        }
    }

    @Test
    void aCachedForwardPassKeepsNoLayersHiddenStates() {
        LanguageModel model = Fixtures.model("tiny-llama");
        ModelConfig c = model.config();
        int length = 40;
        long[] prompt = java.util.stream.LongStream.range(0, length).map(i -> 3 + i % 200).toArray();
        try (ai.djl.ndarray.NDManager batch = model.manager().newSubManager();
             ai.djl.ndarray.NDManager step = batch.newSubManager()) {
            KvCache cache = new KvCache(c, 1, length, batch, model.decoder().computeType());
            model.decoder().forward(DecoderInput.leftPadded(step, java.util.List.of(prompt), 0, new int[1]), cache,
                    WeightDeltas.NONE);
            ai.djl.ndarray.types.Shape hidden = new ai.djl.ndarray.types.Shape(1, length, c.hiddenSize());
            // the last layer's output and the final norm's float32 steps (4); each layer's input went with the
            // layer (when the layers' inputs stayed, a prefill held layers × length × hidden more: 6 here)
            assertThat(step.getManagedArrays().stream().filter(a -> a.getShape().equals(hidden)).count())
                    .as("[1, T, hidden] arrays left after %d layers", c.numLayers()).isLessThanOrEqualTo(4);
        }
    }
}

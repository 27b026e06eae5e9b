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
}

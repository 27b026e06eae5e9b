package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
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
            float[] logits = lastLogits(model, c.inputIds(), WeightDeltas.NONE);
            assertThat(logits).as(fixture + ": " + c.text())
                    .containsExactly(c.base().lastLogits(), within((float) Fixtures.tolerance(fixture)));
        }
    }

    /** Last-position logits of one sequence, no cache. */
    public static float[] lastLogits(LanguageModel model, long[] ids, WeightDeltas deltas) {
        return lastLogits(model.decoder(), model.manager(), ids, deltas);
    }

    public static float[] lastLogits(Decoder decoder, NDManager parent, long[] ids, WeightDeltas deltas) {
        try (NDManager step = parent.newSubManager()) {
            DecoderInput input = DecoderInput.leftPadded(step, List.of(ids), 0, new int[1],
                    decoder.config(), decoder.computeType());
            NDArray hidden = decoder.forward(input, null, deltas);
            return decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
        }
    }
}

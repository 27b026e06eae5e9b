package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
                    .containsExactly(c.base().lastLogits(), within((float) Fixtures.tolerance(fixture)));
        }
    }
}

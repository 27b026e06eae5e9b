package dev.kubetune.runner.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoraAdapterTest {

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void unmergedAdapterMatchesTheReferenceAndTheMergedWeights(String fixture) {
        LanguageModel model = Fixtures.model(fixture);
        try (NDManager adapterManager = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraAdapter.load(Fixtures.folder(fixture).resolve("adapter"), model.config(),
                    model.decoder().weights(), adapterManager);
            var merged = model.decoder().withWeights(adapter.mergeInto(model.decoder().weights(), adapterManager));
            for (Fixtures.Case c : Fixtures.cases(fixture)) {
                float[] unmerged = Fixtures.lastLogits(model, c.inputIds(), adapter);
                assertThat(unmerged).as(fixture + " unmerged: " + c.text())
                        .containsExactly(c.adapter().lastLogits(), within(Fixtures.tolerance(model, c.adapter().lastLogits())));
                float[] fromMerged = Fixtures.lastLogits(merged, adapterManager, c.inputIds(), dev.kubetune.runner.model.WeightDeltas.NONE);
                assertThat(fromMerged).as(fixture + " merged: " + c.text()).containsExactly(unmerged, within(Math.max(1e-3f, Fixtures.tolerance(model, unmerged))));
            }
        }
    }
}

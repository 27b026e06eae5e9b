package dev.kubetune.runner.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorTest {

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void greedyContinuationsMatchTheReferenceOneAtATimeAndBatched(String fixture) {
        LanguageModel model = Fixtures.model(fixture);
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        List<Fixtures.Case> cases = Fixtures.cases(fixture);
        List<long[]> prompts = cases.stream().map(Fixtures.Case::inputIds).toList();
        GenerationSettings settings = GenerationSettings.greedy(10).withTopLogprobs(3);
        try (NDManager adapterManager = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraAdapter.load(Fixtures.folder(fixture).resolve("adapter"), model.config(),
                    model.decoder().weights(), adapterManager);
            for (WeightDeltas deltas : List.of(WeightDeltas.NONE, adapter)) {
                List<Completion> single = generator.generateFromIds(prompts, settings.withBatchSize(1), deltas);
                List<Completion> batched = generator.generateFromIds(prompts, settings.withBatchSize(16), deltas);
                for (int i = 0; i < cases.size(); i++) {
                    Fixtures.Outputs expected = deltas == WeightDeltas.NONE ? cases.get(i).base() : cases.get(i).adapter();
                    String what = fixture + (deltas == WeightDeltas.NONE ? " base: " : " adapter: ") + cases.get(i).text();
                    if (Fixtures.greedyComparable(model, expected)) {
                        assertThat(single.get(i).tokenIds()).as(what).containsExactly(expected.greedyIds());
                    }
                    assertSame(batched.get(i), single.get(i), what);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void samplingIsReproducibleAndIndependentOfBatching(String fixture) {
        LanguageModel model = Fixtures.model(fixture);
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        List<String> prompts = Fixtures.cases(fixture).stream().map(Fixtures.Case::text).toList();
        GenerationSettings settings = GenerationSettings.greedy(8).withSampling(0.9, 0.9, 42);
        List<Completion> first = generator.generate(prompts, settings.withBatchSize(1), WeightDeltas.NONE);
        List<Completion> again = generator.generate(prompts, settings.withBatchSize(4), WeightDeltas.NONE);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(again.get(i).tokenIds()).as(prompts.get(i)).containsExactly(first.get(i).tokenIds());
        }
        List<Completion> otherSeed = generator.generate(prompts, settings.withSampling(0.9, 0.9, 43), WeightDeltas.NONE);
        assertThat(otherSeed.stream().map(c -> List.of(c.tokenIds())).toList())
                .isNotEqualTo(first.stream().map(c -> List.of(c.tokenIds())).toList());
    }

    private static void assertSame(Completion batched, Completion single, String what) {
        assertThat(batched.tokenIds()).as(what).containsExactly(single.tokenIds());
        assertThat(batched.text()).as(what).isEqualTo(single.text());
        assertThat(batched.finishReason()).as(what).isEqualTo(single.finishReason());
        for (int step = 0; step < single.topLogprobs().size(); step++) {
            List<TokenLogprob> a = batched.topLogprobs().get(step);
            List<TokenLogprob> b = single.topLogprobs().get(step);
            assertThat(a).hasSize(3);
            assertThat(a.get(0).tokenId()).as(what).isEqualTo(single.tokenIds()[step]);
            for (int k = 0; k < a.size(); k++) {
                assertThat(a.get(k).logprob()).as(what).isCloseTo(b.get(k).logprob(), within(1e-3));
            }
        }
    }
}

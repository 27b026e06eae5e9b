package dev.kubetune.runner.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopAndLogprobsTest {

    private final LanguageModel model = Fixtures.model("tiny-llama");
    private final Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
    private final String prompt = Fixtures.cases("tiny-llama").get(0).text();

    @Test
    void stopStringEndsGenerationAndIsCutFromTheText() {
        Completion full = generator.generate(List.of(prompt), GenerationSettings.greedy(10), WeightDeltas.NONE).get(0);
        assertThat(full.finishReason()).isEqualTo(Completion.FinishReason.LENGTH);
        assertThat(full.tokenIds()).hasSize(10);
        String stop = full.text().substring(full.text().length() / 2, full.text().length() / 2 + 2);
        Completion stopped = generator.generate(List.of(prompt),
                GenerationSettings.greedy(10).withStop(List.of(stop)), WeightDeltas.NONE).get(0);
        assertThat(stopped.finishReason()).isEqualTo(Completion.FinishReason.STOP);
        assertThat(stopped.text()).isEqualTo(full.text().substring(0, full.text().indexOf(stop)));
        assertThat(stopped.tokenIds().length).isLessThan(10);
    }

    @Test
    void topLogprobsAreSortedNormalisedAndNamed() {
        Completion c = generator.generate(List.of(prompt), GenerationSettings.greedy(4).withTopLogprobs(5),
                WeightDeltas.NONE).get(0);
        assertThat(c.topLogprobs()).hasSize(4);
        for (List<TokenLogprob> step : c.topLogprobs()) {
            assertThat(step).hasSize(5);
            double total = 0;
            for (int k = 0; k < step.size(); k++) {
                assertThat(step.get(k).logprob()).isLessThanOrEqualTo(0.0);
                assertThat(step.get(k).token()).isEqualTo(model.tokenizer().tokenText(step.get(k).tokenId()));
                if (k > 0) {
                    assertThat(step.get(k).logprob()).isLessThanOrEqualTo(step.get(k - 1).logprob());
                }
                total += Math.exp(step.get(k).logprob());
            }
            assertThat(total).isLessThanOrEqualTo(1.0 + 1e-9);
        }
        assertThat(c.promptTokenIds()).containsExactly(Fixtures.cases("tiny-llama").get(0).inputIds());
        assertThat(c.latencyNanos()).isPositive();
    }
}

package dev.kubetune.runner.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Label log-likelihoods against bench/reference/label_logprobs.py (tinylm.py's independent forward pass
 * over prompt + label, log-softmax at each label position), for every case of a fixture batched together
 * (so prompts are left-padded) and with labels of one to four tokens (so continuations are right-padded).
 */
class LabelScorerTest {

    static Stream<String> fixtures() {
        return Stream.of("tiny-llama", "tiny-qwen3", "tiny-gemma2");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void scoresEqualTheReferenceLogProbabilities(String fixture) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Fixtures.folder(fixture).resolve("label_logprobs.json").toFile());
        LanguageModel model = Fixtures.model(fixture);
        LabelScorer scorer = new LabelScorer(model.decoder(), model.manager());
        try (NDManager adapterScope = model.manager().newSubManager()) {
            WeightDeltas adapter = LoraAdapter.load(Fixtures.folder(fixture).resolve("adapter"), model.config(),
                    model.decoder().weights(), adapterScope);
            for (JsonNode c : reference.get("cases")) {
                List<long[]> labels = new ArrayList<>();
                c.get("labels").forEach(l -> labels.add(longs(l)));
                List<long[]> prompts = new ArrayList<>();
                reference.get("cases").forEach(other -> prompts.add(longs(other.get("input_ids"))));
                int index = prompts.stream().map(java.util.Arrays::toString).toList()
                        .indexOf(java.util.Arrays.toString(longs(c.get("input_ids"))));
                for (String tag : List.of("base", "adapter")) {
                    WeightDeltas deltas = tag.equals("base") ? WeightDeltas.NONE : adapter;
                    double[] batched = scorer.score(prompts, labels, deltas).get(index);
                    double[] alone = scorer.score(List.of(prompts.get(index)), labels, deltas).get(0);
                    for (int j = 0; j < labels.size(); j++) {
                        double expected = c.get(tag).get(j).asDouble();
                        String what = fixture + " " + tag + " case " + index + " label " + j;
                        assertThat(alone[j]).as(what).isCloseTo(expected, within(2e-3));
                        assertThat(batched[j]).as(what + " batched").isCloseTo(expected, within(2e-3));
                    }
                }
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}

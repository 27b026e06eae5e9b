package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.generate.LabelScorer;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.output.PredictionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubetune infer --scoring likelihood on the tiny Llama and the clinical notes. */
class LikelihoodScoringTest {

    static final List<String> LABELS = List.of("cardiac", "respiratory", "neuro", "digestive", "skin", "endocrine");

    @TempDir
    Path dir;

    @Test
    void predictsTheMostLikelyLabelWithAProbabilityPerLabelAndCalibrationMetrics() throws Exception {
        Path out = dir.resolve("p.jsonl");
        CommandRun run = CommandRun.of("infer", "--model", InferCommandTest.MODEL, "--data", InferCommandTest.DATA,
                "--label-field", "label", "--labels", String.join(",", LABELS), "--scoring", "likelihood",
                "--limit", "12", "--batch-size", "5", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        List<Prediction> rows = PredictionReader.read(out);
        assertThat(rows).hasSize(12);
        LanguageModel model = Fixtures.model("tiny-llama");
        LabelScorer scorer = new LabelScorer(model.decoder(), model.manager());
        List<long[]> labelTokens = LABELS.stream().map(model.tokenizer()::encode).toList();
        for (Prediction p : rows) {
            assertThat(p.probabilities()).containsOnlyKeys(LABELS);
            assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            String best = p.labelLogprobs().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertThat(p.prediction()).isEqualTo(best).isEqualTo(p.completion());
            // the written log-likelihoods are the scorer's for this prompt alone (the command batched 5 rows)
            long[] prompt = p.promptTokenIds().stream().mapToLong(Integer::longValue).toArray();
            double[] alone = scorer.score(List.of(prompt), labelTokens, WeightDeltas.NONE).get(0);
            for (int j = 0; j < LABELS.size(); j++) {
                assertThat(p.labelLogprobs().get(LABELS.get(j))).isCloseTo(alone[j], within(1e-4));
            }
            double odds = Math.exp(p.labelLogprobs().get(LABELS.get(0)) - p.labelLogprobs().get(LABELS.get(1)));
            assertThat(p.probabilities().get(LABELS.get(0)) / p.probabilities().get(LABELS.get(1))).isCloseTo(odds, within(1e-6 * odds));
        }
        JsonNode metrics = InferCommandTest.JSON.readTree(dir.resolve("metrics.json").toFile());
        // clipped at 1e-15 as scikit-learn does: the tiny random model is very sure of some wrong labels
        double logLoss = rows.stream().mapToDouble(p -> -Math.log(Math.max(1e-15, p.probabilities().get(p.label()))))
                .average().orElseThrow();
        assertThat(metrics.path("log_loss").asDouble()).isCloseTo(logLoss, within(1e-9));
        assertThat(metrics.has("brier")).isTrue();
        assertThat(metrics.has("ece")).isTrue();
        assertThat(metrics.path("accuracy").asDouble()).isCloseTo(
                rows.stream().filter(p -> p.prediction().equals(p.label())).count() / 12.0, within(1e-12));
        assertThat(run.out()).contains("log-loss ");
    }

    @Test
    void likelihoodWithoutLabelsIsBadInput() {
        Path data = dir.resolve("unlabelled.jsonl");
        CommandRun run;
        try {
            Files.writeString(data, "{\"id\": \"a\", \"text\": \"chest pain\"}\n");
            run = CommandRun.of("infer", "--model", InferCommandTest.MODEL, "--data", data.toString(), "--scoring",
                    "likelihood", "--output", dir.resolve("p.jsonl").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("likelihood needs the allowed labels");
    }
}

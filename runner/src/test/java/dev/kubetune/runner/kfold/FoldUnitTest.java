package dev.kubetune.runner.kfold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldSummary;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fold end to end on the tiny Llama: artifacts, compact result, summary, memory, bad input. */
class FoldUnitTest {

    private final LanguageModel model = Fixtures.model("tiny-llama");

    @TempDir
    Path artifacts;

    @Test
    void aFoldWritesItsArtifactsAndReturnsACompactResult() throws Exception {
        FoldTraining training = FoldTasks.resource(FoldTasks.small());
        RunnerResult result = new FoldUnit().run(FoldTasks.task(training, artifacts), 1, model);

        Path unit = artifacts.resolve("research/notes/fold-1");
        assertThat(result.unit()).isEqualTo("fold-1");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.rows() + result.trainRows() + result.validationRows()).isEqualTo(48);
        assertThat(result.rows()).isEqualTo(16);
        assertThat(result.validationRows()).isEqualTo(6);
        assertThat(result.adapterPath()).isEqualTo("research/notes/fold-1/adapter");
        assertThat(result.adapterBytes()).isEqualTo(Files.size(unit.resolve("adapter/adapter_config.json"))
                + Files.size(unit.resolve("adapter/adapter_model.safetensors")));
        assertThat(result.predictionsPath()).isEqualTo("research/notes/fold-1/predictions.jsonl");
        assertThat(result.metrics()).containsKeys(MetricNames.ACCURACY, MetricNames.MACRO_F1, MetricNames.ROWS,
                MetricNames.TRAIN_LOSS, MetricNames.VALIDATION_LOSS, MetricNames.TRAIN_TOKENS, MetricNames.TRAIN_SECONDS,
                MetricNames.TOKENS_PER_SECOND, MetricNames.PEAK_MEMORY_BYTES);
        assertThat(new ArrayList<>(result.metrics().keySet()).subList(0, 2)).containsExactly("accuracy", "macro_f1");
        assertThat(result.toBoundedJson().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);

        assertThat(Files.readAllLines(unit.resolve("predictions.jsonl"))).hasSize(16);
        assertThat(Files.readAllLines(unit.resolve("train_log.jsonl"))).hasSizeGreaterThan(3)
                .anyMatch(l -> l.contains("validation_loss"));
        JsonNode metrics = new ObjectMapper().readTree(unit.resolve("metrics.json").toFile());
        assertThat(metrics.has("classification")).isTrue();
        assertThat(metrics.get("training").get("train_rows").asInt()).isEqualTo(result.trainRows());
        assertThat(RunnerResult.fromJson(Files.readString(unit.resolve("result.json")))).isEqualTo(result);
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraAdapter.load(unit.resolve("adapter"), model.config(), model.decoder().weights(), scope);
            assertThat(adapter.modules()).hasSize(2 * model.config().numLayers());
        }
    }

    @Test
    void foldsFreeTheirNativeMemoryAndTheSummaryIsTheOperators() {
        FoldTraining training = FoldTasks.resource(FoldTasks.small());
        RunnerTask task = FoldTasks.task(training, artifacts);
        int arraysBefore = model.manager().getManagedArrays().size();
        List<RunnerResult> results = new ArrayList<>();
        results.add(new FoldUnit().run(task, 0, model));
        // the first fold may add the model's cached scalar constants (made once per model on first use, a
        // handful); a fold's own arrays (LoRA weights, optimizer state, activations: hundreds) must all go
        int afterFirst = model.manager().getManagedArrays().size();
        assertThat(afterFirst - arraysBefore).as("arrays the first fold left (cached constants only)").isBetween(0, 8);
        for (int fold = 1; fold < 3; fold++) {
            results.add(new FoldUnit().run(task, fold, model));
            assertThat(model.manager().getManagedArrays()).as("after fold " + fold).hasSize(afterFirst);
        }
        FoldSummary summary = LocalKfold.summarize(training, results);
        assertThat(summary.getFoldsSucceeded()).isEqualTo(3);
        double mean = results.stream().mapToDouble(r -> r.metrics().get("accuracy")).average().orElseThrow();
        assertThat(summary.getMetrics().get("accuracy").getMean()).isEqualTo(mean, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(summary.getBestFold()).isNotNull();
    }

    @Test
    void rowsCutToMaxInputTokensAreCountedInTheResultTheMetricsAndTheSummary() throws Exception {
        int limit = 75;
        FoldTraining training = FoldTasks.resource(FoldTasks.small().replace("labels: [", "maxInputTokens: " + limit + ", labels: ["));
        RunnerResult result = new FoldUnit().run(FoldTasks.task(training, artifacts), 1, model);

        Path unit = artifacts.resolve("research/notes/fold-1");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> predictions = new ArrayList<>();
        for (String line : Files.readAllLines(unit.resolve("predictions.jsonl"))) {
            predictions.add(json.readTree(line));
        }
        long heldOutCut = predictions.stream().filter(p -> p.get("truncated").asBoolean()).count();
        assertThat(heldOutCut).as("some held-out rows over the limit, some within it").isBetween(1L, 15L);
        for (JsonNode p : predictions) {
            int tokens = p.get("prompt_token_ids").size();
            // a cut prompt takes exactly the limit; a whole one at most the limit
            assertThat(p.get("truncated").asBoolean() ? tokens == limit : tokens <= limit).as(p.get("id").asText()).isTrue();
        }
        JsonNode trained = json.readTree(unit.resolve("metrics.json").toFile()).get("training");
        int trainingCut = trained.get("truncated_rows").asInt();
        int validationCut = trained.get("truncated_validation_rows").asInt();
        assertThat(trainingCut).isBetween(1, result.trainRows());
        int all = trainingCut + validationCut + (int) heldOutCut;
        assertThat(result.truncatedRows()).isEqualTo(all);
        assertThat(result.metrics().get(MetricNames.TRUNCATED_ROWS)).isEqualTo(all);
        assertThat(RunnerResult.fromJson(Files.readString(unit.resolve("result.json"))).truncatedRows()).isEqualTo(all);
        assertThat(LocalKfold.summarize(training, List.of(result)).getTruncatedRows()).isEqualTo(all);
    }

    @Test
    void splitsThePlannerRefusesAndResponsesThatDoNotFitAreBadInput() {
        String tooFewRows = FoldTasks.manifest("limit: 2", "k: 3, stratify: false", "epochs: 1");
        assertThatThrownBy(() -> run(tooFewRows)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 rows cannot make 3 folds");
        String rareLabel = FoldTasks.manifest("limit: 8", "k: 3", "epochs: 1");
        assertThatThrownBy(() -> run(rareLabel)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("fewer than k = 3");
        String tooShort = FoldTasks.manifest("limit: 12", "k: 2, stratify: false", "epochs: 1, maxSeqLength: 8");
        assertThatThrownBy(() -> run(tooShort)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("maxSeqLength 8");
    }

    private RunnerResult run(String manifest) {
        return new FoldUnit().run(FoldTasks.task(FoldTasks.resource(manifest), artifacts), 0, model);
    }
}

package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TrainingSpec;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraAdapterWriter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.prompt.TrainingPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on the tiny Llama: the loss falls, the adapter learns a task, saves, reloads and reproduces. */
class LoraTrainerTest {

    private static final String ANSWER = "respiratory";
    private final LanguageModel model = TrainingFixtures.model();
    private final List<TrainingPair> pairs = TrainingFixtures.constantAnswer(ANSWER);
    private final List<TokenizedExample> examples = TrainingFixtures.encode(model, pairs, 128);

    @TempDir
    Path temp;

    @Test
    void lossFallsAndTheLogHasOneLinePerStepAndEpochValidation() {
        TrainLog log = new TrainLog();
        try (NDManager scope = model.manager().newSubManager()) {
            TrainingReport report = trainer(TrainingFixtures.training(3, 5e-3), TrainingFixtures.lora())
                    .train(examples.subList(0, 5), examples.subList(5, 6), scope, log);
            List<Double> losses = log.lines().stream().filter(l -> l.containsKey("loss"))
                    .map(l -> (Double) l.get("loss")).toList();
            assertThat(report.steps()).isEqualTo(6);
            assertThat(losses).hasSize(6);
            assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.8);
            assertThat(report.validationLosses()).hasSize(3);
            assertThat(report.validationLosses().get(2)).isLessThan(report.validationLosses().get(0));
            assertThat(report.trainTokens()).isEqualTo(3 * examples.subList(0, 5).stream().mapToLong(e -> e.tokens().length).sum());
        }
    }

    @Test
    void theTrainedAdapterAnswersTheTaskTheBaseModelGetsWrong() {
        List<String> prompts = pairs.stream().map(TrainingPair::prompt).toList();
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        GenerationSettings greedy = GenerationSettings.greedy(8);
        assertThat(generator.generate(prompts, greedy, WeightDeltas.NONE)).allSatisfy(c -> assertThat(c.text()).isNotEqualTo(ANSWER));
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter adapter = trainer(TrainingFixtures.training(12, 1e-2), TrainingFixtures.lora())
                    .train(examples, List.of(), scope, new TrainLog()).adapter();
            assertThat(generator.generate(prompts, greedy, adapter)).allSatisfy(c -> assertThat(c.text()).isEqualTo(ANSWER));
        }
    }

    @Test
    void aSavedAdapterLoadsInPeftFormatAndReproducesTheInMemoryLogits() throws Exception {
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter trained = trainer(TrainingFixtures.training(2, 5e-3), TrainingFixtures.lora())
                    .train(examples, List.of(), scope, new TrainLog()).adapter();
            Path folder = temp.resolve("adapter");
            long bytes = LoraAdapterWriter.write(trained, "tiny-llama", 0.0, folder);
            assertThat(bytes).isEqualTo(Files.size(folder.resolve("adapter_config.json"))
                    + Files.size(folder.resolve("adapter_model.safetensors")));
            JsonNode config = new ObjectMapper().readTree(folder.resolve("adapter_config.json").toFile());
            assertThat(config.get("peft_type").asText()).isEqualTo("LORA");
            assertThat(config.get("task_type").asText()).isEqualTo("CAUSAL_LM");
            assertThat(config.get("r").asInt()).isEqualTo(4);
            assertThat(config.get("target_modules")).hasSize(4);
            String header = new String(Files.readAllBytes(folder.resolve("adapter_model.safetensors")), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(header).contains("\"base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight\"");
            LoraAdapter loaded = LoraAdapter.load(folder, model.config(), model.decoder().weights(), scope);
            assertThat(loaded.modules().keySet()).isEqualTo(trained.modules().keySet());
            for (TokenizedExample e : examples.subList(0, 2)) {
                assertThat(Fixtures.lastLogits(model, e.tokens(), loaded))
                        .containsExactly(Fixtures.lastLogits(model, e.tokens(), trained), within(1e-6f));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameAdapterBytesEvenWithDropout() throws Exception {
        LoraSpec lora = TrainingFixtures.lora();
        lora.setDropout(0.1);
        TrainingSpec training = TrainingFixtures.training(2, 5e-3);
        training.setGradientAccumulation(2);
        training.setWeightDecay(0.01);
        byte[] first = trainAndSave(training, lora, "first");
        byte[] second = trainAndSave(training, lora, "second");
        assertThat(second).isEqualTo(first);
        training.setSeed(12);
        assertThat(trainAndSave(training, lora, "other")).isNotEqualTo(first);
    }

    @Test
    void earlyStoppingEndsTheRunWhenValidationLossStopsImproving() {
        TrainingSpec training = TrainingFixtures.training(6, 0.0); // nothing learns: the loss cannot improve
        training.setEarlyStoppingPatience(1);
        try (NDManager scope = model.manager().newSubManager()) {
            TrainingReport report = trainer(training, TrainingFixtures.lora())
                    .train(examples.subList(0, 4), examples.subList(4, 6), scope, new TrainLog());
            assertThat(report.stoppedEarly()).isTrue();
            assertThat(report.epochs()).isEqualTo(2);
            assertThat(report.validationLosses()).hasSize(2);
        }
    }

    private byte[] trainAndSave(TrainingSpec training, LoraSpec lora, String name) throws Exception {
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter adapter = trainer(training, lora).train(examples, List.of(), scope, new TrainLog()).adapter();
            LoraAdapterWriter.write(adapter, "tiny-llama", lora.getDropout(), temp.resolve(name));
            return Files.readAllBytes(temp.resolve(name).resolve("adapter_model.safetensors"));
        }
    }

    private LoraTrainer trainer(TrainingSpec training, LoraSpec lora) {
        return new LoraTrainer(model.decoder(), TrainingFixtures.eosId(model), training, lora);
    }

}

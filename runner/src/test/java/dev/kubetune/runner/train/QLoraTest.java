package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraAdapterWriter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.prompt.TrainingPair;
import dev.kubetune.runner.quant.QuantizedLinear;
import dev.kubetune.runner.quant.WeightQuantization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QLoRA: LoRA training on a base quantized to 4 bits on load. The quantized base stays frozen, the
 * adapter learns the task, and the saved PEFT adapter loads on the unquantized base and answers there too.
 */
class QLoraTest {

    private static final String ANSWER = "respiratory";
    private static final String FROZEN = "model.layers.1.mlp.down_proj";

    @TempDir
    Path temp;

    @Test
    void anAdapterTrainedOnAFourBitBaseLearnsTheTaskAndLoadsOnTheUnquantizedBase() throws Exception {
        List<TrainingPair> pairs = TrainingFixtures.constantAnswer(ANSWER);
        List<String> prompts = pairs.stream().map(TrainingPair::prompt).toList();
        GenerationSettings greedy = GenerationSettings.greedy(8);
        Path saved = temp.resolve("adapter");
        try (LanguageModel quantized = LanguageModel.load(Fixtures.folder(TrainingFixtures.MODEL), Device.cpu(),
                DataType.FLOAT32, WeightQuantization.int4(16));
             NDManager scope = quantized.manager().newSubManager()) {
            QuantizedLinear frozen = quantized.decoder().weights().quantizedLinear(FROZEN);
            float[] before = frozen.dequantize(scope, DataType.FLOAT32).toFloatArray();
            List<TokenizedExample> examples = TrainingFixtures.encode(quantized, pairs, 128);
            LoraAdapter adapter = new LoraTrainer(quantized.decoder(), TrainingFixtures.eosId(quantized),
                    TrainingFixtures.training(12, 1e-2), TrainingFixtures.lora())
                    .train(examples, List.of(), scope, new TrainLog()).adapter();
            Generator generator = new Generator(quantized.decoder(), quantized.tokenizer(), quantized.manager());
            assertThat(generator.generate(prompts, greedy, adapter)).allSatisfy(c -> assertThat(c.text()).isEqualTo(ANSWER));
            assertThat(frozen.dequantize(scope, DataType.FLOAT32).toFloatArray()).containsExactly(before);
            LoraAdapterWriter.write(adapter, TrainingFixtures.MODEL, 0.0, saved);
        }
        LanguageModel plain = TrainingFixtures.model();
        try (NDManager scope = plain.manager().newSubManager()) {
            LoraAdapter loaded = LoraAdapter.load(saved, plain.config(), plain.decoder().weights(), scope);
            Generator generator = new Generator(plain.decoder(), plain.tokenizer(), plain.manager());
            assertThat(generator.generate(prompts, greedy, loaded)).allSatisfy(c -> assertThat(c.text()).isEqualTo(ANSWER));
        }
    }
}

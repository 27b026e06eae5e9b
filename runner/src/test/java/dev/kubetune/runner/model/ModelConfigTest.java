package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @TempDir
    Path dir;

    @Test
    void gemma2TraitsComeFromTheConfig() {
        ModelConfig c = ModelConfig.load(Fixtures.folder("tiny-gemma2"));
        assertThat(c.architecture()).isEqualTo(Architecture.GEMMA2);
        assertThat(c.slidingLayer(0)).isTrue();
        assertThat(c.slidingLayer(1)).isFalse();
        assertThat(c.attentionScale()).isEqualTo(1 / Math.sqrt(24));
        assertThat(c.finalLogitSoftcapping()).isEqualTo(30.0);
        assertThat(c.eosTokenIds()).containsExactly(378);
    }

    @Test
    void llama3RopeScalingAndQwen2BiasesAreRead() {
        assertThat(ModelConfig.load(Fixtures.folder("tiny-llama3")).ropeScaling().factor()).isEqualTo(8.0);
        ModelConfig qwen2 = ModelConfig.load(Fixtures.folder("tiny-qwen2-bf16"));
        assertThat(qwen2.attentionBias()).isTrue();
        assertThat(qwen2.slidingWindow()).isNull();
        assertThat(ModelConfig.load(Fixtures.folder("tiny-mistral")).slidingLayer(1)).isTrue();
    }

    @Test
    void eosIdsMayBeListsInConfigAndGenerationConfig() throws IOException {
        Files.copy(Fixtures.folder("tiny-llama").resolve("config.json"), dir.resolve("config.json"));
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [378, 5, 7]}");
        assertThat(ModelConfig.load(dir).eosTokenIds()).containsExactly(378, 5, 7);
    }
}

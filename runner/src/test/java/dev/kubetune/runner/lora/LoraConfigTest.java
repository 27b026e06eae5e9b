package dev.kubetune.runner.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.runner.model.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraConfigTest {

    @Test
    void fixtureAdapterScalesByAlphaOverRank() {
        LoraConfig c = LoraConfig.load(Fixtures.folder("tiny-llama").resolve("adapter"));
        assertThat(c.rank()).isEqualTo(4);
        assertThat(c.scale()).isEqualTo(2.0);
        assertThat(c.targetModules()).containsExactly("q_proj", "v_proj", "down_proj");
    }

    @Test
    void rsLoraScalesByAlphaOverSquareRootOfRank(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("adapter_config.json"),
                "{\"r\": 16, \"lora_alpha\": 8, \"use_rslora\": true, \"target_modules\": [\"q_proj\"]}");
        assertThat(LoraConfig.load(dir).scale()).isEqualTo(2.0);
    }

    @Test
    void moduleNamesDropThePeftPrefix() {
        assertThat(LoraAdapter.moduleOf("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"))
                .isEqualTo("model.layers.0.self_attn.q_proj");
    }
}

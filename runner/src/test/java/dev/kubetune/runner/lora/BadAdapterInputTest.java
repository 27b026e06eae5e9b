package dev.kubetune.runner.lora;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BadAdapterInputTest {

    @Test
    void adapterForAnotherModelNamesTheTensorThatDoesNotFit() {
        LanguageModel qwen3 = Fixtures.model("tiny-qwen3");
        Path llamaAdapter = Fixtures.folder("tiny-llama").resolve("adapter");
        try (NDManager manager = qwen3.manager().newSubManager()) {
            assertThatThrownBy(() -> LoraAdapter.load(llamaAdapter, qwen3.config(), qwen3.decoder().weights(), manager))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("base_model.model.model.layers.")
                    .hasMessageContaining("has shape");
        }
    }

    @Test
    void adapterForMoreLayersNamesTheTensor() {
        LanguageModel llama = Fixtures.model("tiny-llama");
        Path qwen2Adapter = Fixtures.folder("tiny-qwen2-bf16").resolve("adapter");
        try (NDManager manager = llama.manager().newSubManager()) {
            assertThatThrownBy(() -> LoraAdapter.load(qwen2Adapter, llama.config(), llama.decoder().weights(), manager))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("adapter tensor 'base_model.model.model.layers.");
        }
    }

    @Test
    void folderWithoutAdapterConfigIsNamed() {
        LanguageModel llama = Fixtures.model("tiny-llama");
        Path folder = Fixtures.folder("tiny-llama");
        try (NDManager manager = llama.manager().newSubManager()) {
            assertThatThrownBy(() -> LoraAdapter.load(folder, llama.config(), llama.decoder().weights(), manager))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("adapter_config.json");
        }
    }
}

package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadModelInputTest {

    @TempDir
    Path dir;

    @Test
    void unknownModelTypeIsNamed() throws IOException {
        Path folder = copyOf("tiny-llama");
        rewriteConfig(folder, "\"model_type\": \"llama\"", "\"model_type\": \"falcon\"");
        assertThatThrownBy(() -> LanguageModel.load(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model_type 'falcon'").hasMessageContaining("config.json");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path folder = copyOf("tiny-llama");
        rewriteConfig(folder, "\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3");
        assertThatThrownBy(() -> LanguageModel.load(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'model.layers.2.input_layernorm.weight'");
    }

    @Test
    void folderWithoutWeightsIsNamed() throws IOException {
        Path folder = copyOf("tiny-llama");
        Files.delete(folder.resolve("model.safetensors"));
        assertThatThrownBy(() -> LanguageModel.load(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("no model weights");
    }

    @Test
    void missingFolderIsNamed() {
        Path folder = dir.resolve("nowhere");
        assertThatThrownBy(() -> LanguageModel.load(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(folder.toString());
    }

    private Path copyOf(String fixture) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(fixture));
        try (var files = Files.list(Fixtures.folder(fixture))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }

    private static void rewriteConfig(Path folder, String from, String to) throws IOException {
        Path config = folder.resolve("config.json");
        String text = Files.readString(config);
        if (!text.contains(from)) {
            throw new IllegalStateException("fixture config lacks " + from);
        }
        Files.writeString(config, text.replace(from, to));
    }
}

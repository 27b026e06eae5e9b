package dev.kubetune.runner.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantization configs and layouts the runner cannot read are bad input naming the field or tensor. */
class UnsupportedQuantizationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tiny-llama-nf4|\"quant_method\": \"bitsandbytes\"|\"quant_method\": \"awq\"|quantization_config.quant_method 'awq' is not supported",
        "tiny-llama-nf4|\"bnb_4bit_quant_storage\": \"uint8\"|\"bnb_4bit_quant_storage\": \"bfloat16\"|bnb_4bit_quant_storage 'bfloat16'",
        "tiny-llama-nf4|\"bnb_4bit_quant_type\": \"nf4\"|\"bnb_4bit_quant_type\": \"int2\"|bnb_4bit_quant_type 'int2'",
        "tiny-llama-bnb-int8|\"load_in_8bit\": true|\"load_in_8bit\": false|neither load_in_4bit nor load_in_8bit",
        "tiny-llama-gptq-int4|\"bits\": 4|\"bits\": 8|quantization_config.bits 8 is not supported",
        "tiny-llama-gptq-int4|\"checkpoint_format\": \"gptq\"|\"checkpoint_format\": \"gptq_v2\"|checkpoint_format 'gptq_v2'",
    })
    void unsupportedConfigIsNamed(String fixture, String from, String to, String message) throws IOException {
        Path folder = copyOf(fixture);
        rewrite(folder.resolve("config.json"), from, to);
        assertThatThrownBy(() -> QuantizedCheckpoint.format(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(folder.resolve("config.json").toString()).hasMessageContaining(message);
    }

    @Test
    void aTensorOfTheWrongSizeIsNamed() throws IOException {
        Path folder = copyOf("tiny-llama-nf4");
        String name = "model.layers.1.mlp.down_proj.weight.absmax";
        renameTensorDtype(folder.resolve("model.safetensors"), name);
        assertThatThrownBy(() -> LanguageModel.load(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'" + name + "' is I32");
    }

    @Test
    void theFormatIsDescribed() {
        assertThat(QuantizedCheckpoint.format(Fixtures.folder("tiny-llama-gptq-int4")).orElseThrow().describe())
                .isEqualTo("GPTQ 4-bit, group size 16");
        assertThat(QuantizedCheckpoint.format(Fixtures.folder("tiny-llama"))).isEmpty();
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

    private static void rewrite(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " lacks " + from);
        }
        Files.writeString(file, text.replace(from, to));
    }

    /** Relabels one F32 tensor of the header as I32 (same byte length, so the file stays well-formed). */
    private static void renameTensorDtype(Path file, String name) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int headerLength = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(all, 8, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        String from = "\"" + name + "\":{\"dtype\":\"F32\"";
        if (!header.contains(from)) {
            throw new IllegalStateException("header lacks " + from);
        }
        byte[] changed = header.replace(from, "\"" + name + "\":{\"dtype\":\"I32\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(changed, 0, all, 8, headerLength);
        Files.write(file, all);
    }
}

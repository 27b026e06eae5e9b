package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubetune infer on published quantized checkpoints: an unsupported quantization exits 65 with one line. */
class QuantizedModelCommandTest {

    static final Path QUANT = Path.of("src", "test", "resources", "fixtures-quant");

    @TempDir
    Path dir;

    @Test
    void anUnsupportedQuantizationIsBadInputInOneLine() throws IOException {
        Path model = Files.createDirectories(dir.resolve("awq-model"));
        try (var files = Files.list(QUANT.resolve("tiny-llama-gptq-int4"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"quant_method\": \"gptq\"", "\"quant_method\": \"awq\""));
        Path out = dir.resolve("predictions.jsonl");

        CommandRun run = CommandRun.of("infer", "--model", model.toString(), "--data",
                InferCommandTest.DATA, "--limit", "2", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("kubetune: ").doesNotContain("\n")
                .contains(config.toString()).contains("quant_method 'awq' is not supported");
        assertThat(out).doesNotExist();
    }
}

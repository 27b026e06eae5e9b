package dev.kubetune.runner.output;

import dev.kubetune.runner.generate.TokenLogprob;

import dev.kubetune.api.spec.OutputFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.metrics.ClassificationMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {

    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};

    private static final Prediction FULL = new Prediction("n1", List.of(1, 2, 3), "cardiac, \"surely\"\n",
            List.of(7, 8), "cardiac", "cardiac",
            List.of(List.of(new TokenLogprob(7, "card", -0.25), new TokenLogprob(9, "sk", -1.5))), true);
    private static final Prediction BARE = new Prediction("n2", List.of(4), "skin", List.of(5), null, null, null, false);

    @TempDir
    Path dir;

    private final PredictionWriter writer = new PredictionWriter();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonlOmitsAbsentFieldsAndKeepsFieldOrder() throws IOException {
        Path file = dir.resolve("predictions.jsonl");
        writer.write(file, OutputFormat.JSONL, List.of(FULL, BARE));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"id\":\"n1\",\"prompt_token_ids\":[1,2,3],\"completion\":")
                .contains("\"top_logprobs\":[[{\"token_id\":7,\"token\":\"card\",\"logprob\":-0.25}");
        assertThat(lines.get(1)).isEqualTo(
                "{\"id\":\"n2\",\"prompt_token_ids\":[4],\"completion\":\"skin\",\"completion_token_ids\":[5],\"truncated\":false}");
    }

    @Test
    void jsonYamlAndJsonlHoldTheSameRows() throws IOException {
        for (OutputFormat format : List.of(OutputFormat.JSON, OutputFormat.YAML, OutputFormat.JSONL)) {
            Path file = dir.resolve("predictions." + format.value());
            writer.write(file, format, List.of(FULL, BARE));
            List<Map<String, Object>> rows = switch (format) {
                case JSON -> json.readValue(file.toFile(), ROWS);
                case YAML -> new YAMLMapper().readValue(file.toFile(), ROWS);
                default -> Files.readAllLines(file).stream().map(this::parse).toList();
            };
            assertThat(rows).as(format.name()).hasSize(2);
            assertThat(rows.get(0)).as(format.name()).containsEntry("completion", "cardiac, \"surely\"\n")
                    .containsEntry("prompt_token_ids", List.of(1, 2, 3))
                    .containsEntry("top_logprobs", List.of(List.of(
                            Map.of("token_id", 7, "token", "card", "logprob", -0.25),
                            Map.of("token_id", 9, "token", "sk", "logprob", -1.5))));
            assertThat(rows.get(1)).as(format.name())
                    .containsOnlyKeys("id", "prompt_token_ids", "completion", "completion_token_ids", "truncated")
                    .containsEntry("truncated", false);
            assertThat(rows.get(0)).as(format.name()).containsEntry("truncated", true);
        }
    }

    @Test
    void csvEncodesListsAsJsonAndHasColumnsForPresentFieldsOnly() throws IOException {
        Path file = dir.resolve("predictions.csv");
        writer.write(file, OutputFormat.CSV, List.of(FULL, BARE));
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(new TypeReference<Map<String, String>>() {})
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            rows = it.readAll();
        }
        assertThat(Files.readAllLines(file).get(0))
                .isEqualTo("id,prompt_token_ids,completion,completion_token_ids,prediction,label,top_logprobs,truncated");
        assertThat(rows.get(0)).containsEntry("completion", "cardiac, \"surely\"\n")
                .containsEntry("prompt_token_ids", "[1,2,3]")
                .containsEntry("top_logprobs",
                        "[[{\"token_id\":7,\"token\":\"card\",\"logprob\":-0.25},{\"token_id\":9,\"token\":\"sk\",\"logprob\":-1.5}]]");
        assertThat(rows.get(0)).containsEntry("truncated", "true");
        assertThat(rows.get(1)).containsEntry("label", "").containsEntry("completion_token_ids", "[5]")
                .containsEntry("truncated", "false");

        writer.write(file, OutputFormat.CSV, List.of(BARE));
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("id,prompt_token_ids,completion,completion_token_ids,truncated");
    }

    @Test
    void failedWriteLeavesNothingHalfWritten() throws IOException {
        Path file = dir.resolve("predictions.jsonl");
        Files.writeString(file, "old\n");
        assertThatThrownBy(() -> AtomicFileWriter.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void metricsJsonUsesSnakeCase() throws IOException {
        Path file = dir.resolve("out/metrics.json");
        new MetricsWriter().write(file, ClassificationMetrics.compute(List.of("a", "b"), List.of("a", "a"), List.of()));
        Map<String, Object> metrics = json.readValue(file.toFile(), new TypeReference<>() {});
        assertThat(metrics).containsEntry("accuracy", 0.5).containsKeys("macro_f1", "per_class", "confusion", "rows");
    }

    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, new TypeReference<>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

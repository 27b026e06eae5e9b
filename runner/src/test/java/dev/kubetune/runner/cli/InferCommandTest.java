package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.contract.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kubetune infer on the tiny Llama fixture and the clinical notes, through the command line. */
class InferCommandTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    static final String MODEL = FIXTURES.resolve("tiny-llama").toString();
    static final String DATA = FIXTURES.resolve("clinical-notes.jsonl").toString();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    CommandRun infer(String... args) {
        List<String> all = new ArrayList<>(List.of("infer", "--model", MODEL, "--data", DATA, "--label-field", "label",
                "--max-new-tokens", "3", "--batch-size", "8"));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "json", "csv", "yaml"})
    void writesPredictionsInEveryFormatInInputOrder(String format) throws IOException {
        Path out = dir.resolve("predictions." + format);

        CommandRun run = infer("--limit", "10", "--output", out.toString(), "--output-format", format);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        List<JsonNode> rows = read(out, format);
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).path("id").asText()).isEqualTo("N01-0233");
        assertThat(rows.get(1).path("id").asText()).isEqualTo("N01-0161");
        for (JsonNode row : rows) {
            assertThat(row.has("completion")).isTrue();
            assertThat(row.has("prediction")).isTrue();
            assertThat(row.has("label")).isTrue();
            assertThat(row.has("prompt_token_ids")).isTrue();
            assertThat(row.has("completion_token_ids")).isTrue();
        }
        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        assertThat(metrics.path("rows").asInt()).isEqualTo(10);
        assertThat(metrics.has("accuracy")).isTrue();
        assertThat(metrics.path("latency_ms").has("p95_ms")).isTrue();
        assertThat(run.out()).contains("rows 10", "accuracy ");
    }

    @Test
    void flagsOverrideTheConfigFile() throws IOException {
        Path config = dir.resolve("infer.yaml");
        Files.writeString(config, "limit: 5\nmax_new_tokens: 2\ntop_logprobs: 3\noutput: " + dir.resolve("p.jsonl") + "\n");

        CommandRun run = CommandRun.of("infer", "-c", config.toString(), "--model", MODEL, "--data", DATA, "--limit", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        List<JsonNode> rows = read(dir.resolve("p.jsonl"), "jsonl");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            assertThat(row.path("completion_token_ids").size()).isLessThanOrEqualTo(2);
            assertThat(row.path("top_logprobs").size()).isEqualTo(row.path("completion_token_ids").size());
            assertThat(row.path("top_logprobs").get(0)).hasSize(3);
            assertThat(row.path("top_logprobs").get(0).get(0).has("token_id")).isTrue();
            assertThat(row.has("label")).isFalse();
        }
    }

    @Test
    void dryRunPrintsTheResolvedConfigurationAndRowsAndWritesNothing() throws IOException {
        CommandRun run = infer("--ids", "N01-0161,N01-0053", "--system", "Answer with one word.", "--dry-run",
                "--output", dir.resolve("never.jsonl").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        JsonNode doc = new YAMLMapper().readTree(run.out());
        assertThat(doc.path("resolved").path("generation").path("max_new_tokens").asInt()).isEqualTo(3);
        assertThat(doc.path("resolved").path("labels")).hasSize(6);
        assertThat(doc.path("row_count").asInt()).isEqualTo(2);
        assertThat(doc.path("rows").get(0).path("id").asText()).isEqualTo("N01-0161");
        assertThat(doc.path("rows").get(0).path("prompt").asText())
                .startsWith("<|im_start|>system\nAnswer with one word.<|im_end|>").endsWith("<|im_start|>assistant\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void reusesCachedCompletionsAndMissesWhenASettingChanges() throws IOException {
        Path cache = dir.resolve("cache");
        infer("--limit", "4", "--cache-dir", cache.toString(), "--output", dir.resolve("a.jsonl").toString());

        CommandRun again = infer("--limit", "4", "--cache-dir", cache.toString(), "--output", dir.resolve("b.jsonl").toString());
        JsonNode hit = JSON.readTree(dir.resolve("metrics.json").toFile());
        CommandRun changed = infer("--limit", "4", "--cache-dir", cache.toString(), "--temperature", "0.5",
                "--output", dir.resolve("c.jsonl").toString());
        JsonNode miss = JSON.readTree(dir.resolve("metrics.json").toFile());

        assertThat(again.exitCode()).isZero();
        assertThat(changed.exitCode()).isZero();
        assertThat(hit.path("cached_rows").asInt()).isEqualTo(4);
        assertThat(miss.path("cached_rows").asInt()).isZero();
        assertThat(Files.readString(dir.resolve("b.jsonl"))).isEqualTo(Files.readString(dir.resolve("a.jsonl")));
    }

    @Test
    void badInputIsOneLineTheBadInputCodeAndNoOutput() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Path badJson = dir.resolve("bad.jsonl");
        Files.writeString(badJson, "{\"id\": \"a\", \"text\": \"x\"}\n{not json\n");
        Path noWeights = Files.createDirectories(dir.resolve("empty-model"));
        Files.copy(FIXTURES.resolve("tiny-llama/config.json"), noWeights.resolve("config.json"));
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "max_new_token: 3\n");

        assertBadInput(CommandRun.of("infer", "--model", MODEL, "--data", dir.resolve("missing.jsonl").toString(), "-o", out.toString()),
                "missing.jsonl: no such file");
        assertBadInput(CommandRun.of("infer", "--model", MODEL, "--data", badJson.toString(), "-o", out.toString()),
                "bad.jsonl:2:");
        assertBadInput(infer("--ids", "N01-0161,NOPE", "-o", out.toString()), "unknown id 'NOPE'");
        assertBadInput(CommandRun.of("infer", "--model", noWeights.toString(), "--data", DATA, "-o", out.toString()),
                "empty-model");
        assertBadInput(infer("--adapter", FIXTURES.resolve("tiny-gemma2/adapter").toString(), "-o", out.toString()),
                "adapter");
        assertBadInput(CommandRun.of("infer", "-c", config.toString(), "--model", MODEL, "--data", DATA),
                "bad.yaml:1: unknown key 'max_new_token'");
        assertBadInput(infer("--top-p", "1.5", "-o", out.toString()), "top_p: must be > 0 and ≤ 1");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    @Test
    void rowsLongerThanTheContextAreCutAndCountedOrRefusedWithExit65() throws IOException {
        Path data = dir.resolve("long.jsonl");
        String longText = "Chest pain radiating to the left arm with sweating and nausea since the morning. ".repeat(40);
        Files.writeString(data, "{\"id\": \"long-1\", \"text\": \"" + longText + "\", \"label\": \"cardiac\"}\n"
                + "{\"id\": \"short-1\", \"text\": \"Itchy rash.\", \"label\": \"skin\"}\n");
        Path out = dir.resolve("p.jsonl");

        CommandRun run = CommandRun.of("infer", "--model", MODEL, "--data", data.toString(), "--label-field", "label",
                "--max-new-tokens", "3", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        List<JsonNode> rows = read(out, "jsonl");
        assertThat(rows.get(0).path("truncated").asBoolean()).isTrue();
        assertThat(rows.get(0).path("prompt_token_ids").size()).as("the context of 256 less 3 new tokens").isEqualTo(253);
        assertThat(rows.get(1).path("truncated").asBoolean()).isFalse();
        assertThat(JSON.readTree(dir.resolve("metrics.json").toFile()).path("truncated_rows").asInt()).isEqualTo(1);

        Path refused = dir.resolve("refused.jsonl");
        assertBadInput(CommandRun.of("infer", "--model", MODEL, "--data", data.toString(), "--max-new-tokens", "3",
                "--truncation", "error", "-o", refused.toString()), "row 'long-1': the prompt takes ");
        assertBadInput(CommandRun.of("infer", "--model", MODEL, "--data", data.toString(), "--max-new-tokens", "3",
                "--max-input-tokens", "300", "-o", refused.toString()), "over the model's context of 256 tokens");
        assertThat(refused).doesNotExist();
    }

    private static void assertBadInput(CommandRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).contains(expected).doesNotContain("\n").startsWith("kubetune: ");
    }

    private static List<JsonNode> read(Path file, String format) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        switch (format) {
            case "jsonl" -> {
                for (String line : Files.readAllLines(file)) {
                    rows.add(JSON.readTree(line));
                }
            }
            case "json" -> JSON.readTree(file.toFile()).forEach(rows::add);
            case "yaml" -> new YAMLMapper().readTree(file.toFile()).forEach(rows::add);
            default -> new CsvMapper().readerFor(JsonNode.class).with(CsvSchema.emptySchema().withHeader())
                    .<JsonNode>readValues(file.toFile()).forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void aChatTemplateThatRejectsTheSystemRoleIsBadInputUnlessTheSystemTextGoesInTheUserTurn() throws IOException {
        Path model = dir.resolve("gemma-templated");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of(MODEL))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(model.resolve("tokenizer_config.json").toFile());
        config.put("chat_template", Files.readString(FIXTURES.resolveSibling("chat-templates/published/google-gemma-2-2b-it.jinja")));
        JSON.writeValue(model.resolve("tokenizer_config.json").toFile(), config);

        CommandRun rejected = CommandRun.of("infer", "--model", model.toString(), "--data", DATA, "--limit", "1",
                "--system", "Answer with one word.", "--dry-run");
        assertThat(rejected.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rejected.err()).contains("tokenizer_config.json: System role not supported");

        CommandRun folded = CommandRun.of("infer", "--model", model.toString(), "--data", DATA, "--limit", "1",
                "--system", "Answer with one word.", "--system-in-user-turn", "--chat-template-arg", "unused=false", "--dry-run");
        assertThat(folded.exitCode()).as(folded.err()).isEqualTo(ExitCodes.DONE);
        JsonNode doc = new YAMLMapper().readTree(folded.out());
        assertThat(doc.path("rows").get(0).path("prompt").asText())
                .startsWith("<start_of_turn>user\nAnswer with one word.\n\n").endsWith("<end_of_turn>\n<start_of_turn>model\n");
        assertThat(doc.path("resolved").path("chat_template_args").path("unused").isBoolean()).isTrue();
        assertThat(doc.path("resolved").path("system_in_user_turn").asBoolean()).isTrue();
    }
}

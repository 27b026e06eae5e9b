package dev.kubetune.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.contract.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubetune run on an InferenceRun of the tiny Llama: units as processes, status as the operator writes it, resume. */
class LocalRunTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures").toAbsolutePath();

    static final String MANIFEST = """
            apiVersion: kubetune.dev/v1alpha1
            kind: InferenceRun
            metadata: {name: notes-zero-shot, namespace: lab}
            spec:
              model: {volume: models, path: tiny-llama}
              dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, limit: 12}
              prompt: {template: "Classify the note.\\n{{ text }}"}
              generation: {maxNewTokens: 2, batchSize: 4}
              shards: 2
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
            """;

    @TempDir
    Path dir;

    private String run(String... extra) {
        StringWriter text = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("run", "-f", dir.resolve("run.yaml").toString(),
                "--volume", "models=" + FIXTURES, "--volume", "data=" + FIXTURES,
                "--state-dir", dir.resolve("state").toString(), "--parallel", "2"));
        args.addAll(List.of(extra));
        var cmd = dev.kubetune.runner.cli.KubetuneCommand.commandLine();
        cmd.setOut(new PrintWriter(text, true));
        int code = cmd.execute(args.toArray(String[]::new));
        assertThat(code).as(text.toString()).isEqualTo(ExitCodes.DONE);
        return text.toString();
    }

    @Test
    void runsTheShardsWritesStatusLikeTheOperatorAndResumes() throws Exception {
        Files.writeString(dir.resolve("run.yaml"), MANIFEST);

        String first = run();

        JsonNode status = new YAMLMapper().readTree(dir.resolve("state/InferenceRun/notes-zero-shot.status.yaml").toFile())
                .path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(status.path("progress").asText()).isEqualTo("2/2");
        assertThat(status.path("rows").asInt()).isEqualTo(12);
        assertThat(status.path("observedGeneration").asInt()).isEqualTo(1);
        assertThat(status.path("mainMetric").path("name").asText()).isEqualTo("accuracy");
        assertThat(status.path("metrics").path("rows").asDouble()).isEqualTo(12.0);
        assertThat(status.path("outputs")).hasSize(2);
        assertThat(status.path("outputs").get(0).asText()).isEqualTo("lab/notes-zero-shot/shard-0/predictions.jsonl");
        assertThat(status.path("shards").get(1).path("rows").asInt()).isEqualTo(6);
        assertThat(status.path("shards").get(1).path("attempts").asInt()).isEqualTo(1);
        JsonNode ready = status.path("conditions").get(0);
        assertThat(ready.path("type").asText()).isEqualTo("Ready");
        assertThat(ready.path("status").asText()).isEqualTo("True");
        Path artifacts = dir.resolve("volumes/artifacts/lab/notes-zero-shot");
        assertThat(Files.readAllLines(artifacts.resolve("shard-0/predictions.jsonl"))).hasSize(6);
        assertThat(artifacts.resolve("shard-1/metrics.json")).exists();
        assertThat(artifacts.resolve("shard-1/result.json")).exists();
        assertThat(dir.resolve("state/report/report.md")).exists();
        assertThat(first).contains("shard-0: started", "shard-1: started", "report: ");

        String second = run();
        assertThat(second).contains("shard-0: reusing", "shard-1: reusing").doesNotContain("started");

        String forced = run("--force");
        assertThat(forced).contains("shard-0: started");
    }
}

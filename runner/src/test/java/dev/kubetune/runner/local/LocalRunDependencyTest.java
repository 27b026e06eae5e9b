package dev.kubetune.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.cli.KubetuneCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubetune run with a FoldTraining and an InferenceRun that needs its best fold: the run waits, then uses that adapter. */
class LocalRunDependencyTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures").toAbsolutePath();

    static final String COMMON = """
              model: {volume: models, path: tiny-llama}
              prompt: {template: "{{ text }}", chatTemplate: false, labels: [cardiac, respiratory, neuro, digestive, skin, endocrine]}
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
            """;

    static final String MANIFEST = """
            apiVersion: kubetune.dev/v1alpha1
            kind: InferenceRun
            metadata: {name: best, namespace: lab}
            spec:
              adapter: {fromFoldTraining: {name: notes, fold: best}}
              dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, limit: 8}
              generation: {maxNewTokens: 2}
            """ + COMMON + """
            ---
            apiVersion: kubetune.dev/v1alpha1
            kind: FoldTraining
            metadata: {name: notes, namespace: lab}
            spec:
              dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, limit: 36}
              folds: {k: 2, seed: 1, stratify: false}
              training: {epochs: 1, batchSize: 6, maxSeqLength: 64, learningRate: 0.003}
              evaluation: {maxNewTokens: 2}
            """ + COMMON;

    @Test
    void theInferenceRunWaitsForTheBestFoldAndUsesItsAdapter(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("run.yaml"), MANIFEST);
        StringWriter text = new StringWriter();
        var cmd = KubetuneCommand.commandLine();
        cmd.setOut(new PrintWriter(text, true));

        int code = cmd.execute("run", "-f", dir.resolve("run.yaml").toString(), "--volume", "models=" + FIXTURES,
                "--volume", "data=" + FIXTURES, "--state-dir", dir.resolve("state").toString(), "--parallel", "1");

        assertThat(code).as(text.toString()).isZero();
        String log = text.toString();
        // listed first, the run still starts only after both folds finished
        assertThat(log).contains("InferenceRun/best                        Waiting");
        assertThat(log.indexOf("InferenceRun/best shard-0: started"))
                .isGreaterThan(log.indexOf("FoldTraining/notes fold-1: started"));
        YAMLMapper yaml = new YAMLMapper();
        JsonNode training = yaml.readTree(dir.resolve("state/FoldTraining/notes.status.yaml").toFile()).path("status");
        JsonNode run = yaml.readTree(dir.resolve("state/InferenceRun/best.status.yaml").toFile()).path("status");
        int best = training.path("summary").path("bestFold").asInt();
        assertThat(training.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(training.path("summary").path("foldsSucceeded").asInt()).isEqualTo(2);
        assertThat(training.path("summary").path("metrics").path("accuracy").has("std")).isTrue();
        assertThat(training.path("folds").get(best).path("adapter").path("sizeBytes").asLong()).isPositive();
        assertThat(training.path("folds").get(0).path("trainRows").asInt()).isEqualTo(18);
        assertThat(run.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(run.path("rows").asInt()).isEqualTo(8);
        Path task = dir.resolve("state/tasks/InferenceRun-best.yaml");
        assertThat(Files.readString(task)).contains("resolvedAdapter: lab/notes/fold-" + best + "/adapter");
        assertThat(dir.resolve("volumes/artifacts/lab/notes/fold-" + best + "/adapter/adapter_model.safetensors")).exists();
    }
}

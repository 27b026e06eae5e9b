package dev.kubetune.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.InferenceRunStatusLogic;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.spec.AdapterSpec;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.spec.ModelSpec;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static FoldTraining fineTuned() {
        FoldTraining t = new FoldTraining();
        t.setMetadata(new ObjectMetaBuilder().withName("notes-llama3b").withNamespace("research").withGeneration(1L).build());
        t.setSpec(new FoldTrainingSpec());
        t.getSpec().setModel(model("llama-3.2-3b-instruct"));
        t.getSpec().getFolds().setK(3);
        t.setStatus(new FoldTrainingStatus());
        double[][] m = {{0.80, 0.70, 40}, {0.90, 0.85, 44}, {0.70, 0.60, 48}};
        for (int i = 0; i < 3; i++) {
            FoldStatus f = new FoldStatus();
            f.setIndex(i);
            f.setPhase(UnitPhase.Succeeded);
            f.setMetrics(Map.of("accuracy", m[i][0], "macro_f1", m[i][1], "latency_p50_ms", m[i][2],
                    "latency_p95_ms", m[i][2] * 2, "tokens_per_second", 50.0, "peak_memory_bytes", 7.0 * (1 << 30),
                    "model_parameters", 3.21e9));
            f.setTruncatedRows(5 + i);
            t.getStatus().getFolds().add(f);
        }
        FoldTrainingStatusLogic.update(t, NOW);
        return t;
    }

    static InferenceRun run(String name, String model, boolean bestFold, double accuracy, double f1, double params,
                            Integer truncatedRows) {
        InferenceRun r = new InferenceRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("research").withGeneration(1L).build());
        r.setSpec(new InferenceRunSpec());
        r.getSpec().setModel(model(model));
        if (bestFold) {
            AdapterSpec adapter = new AdapterSpec();
            FoldTrainingRef ref = new FoldTrainingRef();
            ref.setName("notes-llama3b");
            adapter.setFromFoldTraining(ref);
            r.getSpec().setAdapter(adapter);
        }
        r.setStatus(new InferenceRunStatus());
        ShardStatus s = new ShardStatus();
        s.setIndex(0);
        s.setPhase(UnitPhase.Succeeded);
        s.setRows(240);
        s.setMetrics(Map.of("rows", 240.0, "accuracy", accuracy, "macro_f1", f1, "latency_p50_ms", 120.0,
                "latency_p95_ms", 210.0, "tokens_per_second", 30.0, "peak_memory_bytes", 17.0 * (1 << 30),
                "model_parameters", params));
        s.setTruncatedRows(truncatedRows);
        r.getStatus().getShards().add(s);
        InferenceRunStatusLogic.update(r, null, NOW);
        return r;
    }

    static ModelSpec model(String path) {
        ModelSpec m = new ModelSpec();
        m.setVolume("models");
        m.setPath(path);
        return m;
    }

    /** A folder as `kubectl get ft,ir -o yaml > status.yaml` leaves it: one List document. */
    static Path kubectlOutput(Path dir, List<CustomResource<?, ?>> resources) throws Exception {
        Path file = dir.resolve("status.yaml");
        Files.writeString(file, new YAMLMapper().writeValueAsString(Map.of("apiVersion", "v1", "kind", "List", "items", resources)));
        return dir;
    }

    @Test
    void reportOfKnownStatusHasTheExpectedRowsNumbersAndPlots(@TempDir Path dir) throws Exception {
        Path status = Files.createDirectories(dir.resolve("status"));
        kubectlOutput(status, List.of(fineTuned(),
                run("notes-llama8b", "llama-3.1-8b-instruct", false, 0.75, 0.70, 8.03e9, 12),
                run("notes-llama3b-best", "llama-3.2-3b-instruct", true, 0.88, 0.86, 3.21e9, null)));
        Path out = dir.resolve("report");

        ReportService.Report report = ReportService.write(StatusFiles.read(status), out);

        assertThat(report.rows()).extracting(ReportRow::label).containsExactly(
                "llama-3.2-3b-instruct (LoRA, 3-fold mean)", "llama-3.1-8b-instruct (zero-shot)",
                "llama-3.2-3b-instruct (LoRA adapter)");
        JsonNode rows = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile()).path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("accuracy").asDouble()).isCloseTo(0.80, within(1e-9));
        assertThat(rows.get(0).path("accuracy_std").asDouble()).isCloseTo(0.10, within(1e-9));
        assertThat(rows.get(0).path("macro_f1").asDouble()).isCloseTo(0.71666666, within(1e-6));
        assertThat(rows.get(0).path("latency_p50_ms").asDouble()).isCloseTo(44.0, within(1e-9));
        assertThat(rows.get(0).path("size").asText()).isEqualTo("3.2B");
        assertThat(rows.get(0).path("training").asText()).startsWith("k=3, 1 epoch(s)");
        assertThat(rows.get(1).path("variant").asText()).isEqualTo("zero-shot");
        assertThat(rows.get(1).path("size").asText()).isEqualTo("8.0B");
        assertThat(rows.get(1).path("accuracy_std").isNull()).isTrue();
        assertThat(rows.get(1).path("peak_memory_mib").asDouble()).isEqualTo(17.0 * 1024);
        assertThat(rows.get(2).path("training").asText()).isEqualTo("adapter of FoldTraining/notes-llama3b, fold best");
        assertThat(rows.get(0).path("truncated_rows").asInt()).as("5 + 6 + 7 over the folds").isEqualTo(18);
        assertThat(rows.get(1).path("truncated_rows").asInt()).isEqualTo(12);
        assertThat(rows.get(2).path("truncated_rows").isNull()).as("no count reported").isTrue();

        assertThat(Files.readString(out.resolve("report.md")))
                .contains("| llama-3.2-3b-instruct | LoRA fine-tuned | 3.2B |", "0.800 ± 0.100", "0.717 ± 0.126")
                .containsPattern("\\| llama-3.2-3b-instruct \\| LoRA fine-tuned \\|.*\\| 18 \\|\\n")
                .containsPattern("\\| llama-3.1-8b-instruct \\| zero-shot \\|.*\\| 12 \\|\\n")
                .containsPattern("\\| llama-3.2-3b-instruct \\| LoRA fine-tuned \\|.*\\| – \\|\\n");
        assertThat(Files.readAllLines(out.resolve("report.csv"))).hasSize(4)
                .first().asString().startsWith("model,variant,size,parameters,training,accuracy,accuracy_std");
        for (String plot : List.of("accuracy_by_model", "f1_vs_latency", "tokens_per_second", "peak_memory", "fold_spread")) {
            BufferedImage png = ImageIO.read(out.resolve(plot + ".png").toFile());
            assertThat(png.getWidth()).as(plot).isEqualTo(ReportCharts.WIDTH);
            assertThat(png.getHeight()).as(plot).isEqualTo(ReportCharts.HEIGHT);
            assertThat(distinctColours(png)).as(plot + " draws something").isGreaterThan(10);
            assertThat(Files.readString(out.resolve(plot + ".svg"))).contains("<svg").hasSizeGreaterThan(2000);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("<table>", "<svg", "llama-3.1-8b-instruct")
                .doesNotContain("http://www.w3.org/1999/xlink\" href=\"http");
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".report-"));
        }
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}

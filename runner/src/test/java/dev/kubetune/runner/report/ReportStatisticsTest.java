package dev.kubetune.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.OutputFormat;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.output.PredictionReader;
import dev.kubetune.runner.output.PredictionWriter;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's statistics from prediction files on an artifacts folder: out-of-fold rows assembled and
 * written, a paired comparison with its McNemar table worked out by hand, rows not shared named, and a
 * leaked run flagged and kept out.
 */
class ReportStatisticsTest {

    @TempDir
    Path artifacts;
    @TempDir
    Path out;

    private static Prediction p(String id, String gold, String predicted) {
        return new Prediction(id, null, predicted, null, predicted, gold, null);
    }

    private FoldTraining training() throws Exception {
        FoldTraining t = new FoldTraining();
        t.setMetadata(new ObjectMetaBuilder().withName("ft").withNamespace("research").withGeneration(1L).build());
        t.setSpec(new FoldTrainingSpec());
        t.getSpec().setModel(ReportServiceTest.model("small"));
        t.getSpec().getFolds().setK(2);
        t.getSpec().getPrompt().setLabels(List.of("x", "y"));
        t.setStatus(new FoldTrainingStatus());
        // 20 rows r0..r19, gold x for even ids; the folds get every row right except r0 and r1
        for (int fold = 0; fold < 2; fold++) {
            List<Prediction> rows = new ArrayList<>();
            for (int i = fold; i < 20; i += 2) {
                String gold = i % 2 == 0 ? "x" : "y";
                rows.add(p("r" + i, gold, i < 2 ? (gold.equals("x") ? "y" : "x") : gold));
            }
            String path = "research/ft/fold-" + fold + "/predictions.jsonl";
            Files.createDirectories(artifacts.resolve(path).getParent());
            new PredictionWriter().write(artifacts.resolve(path), OutputFormat.JSONL, rows);
            FoldStatus f = new FoldStatus();
            f.setIndex(fold);
            f.setPhase(UnitPhase.Succeeded);
            f.setPredictions(path);
            f.setMetrics(Map.of("accuracy", 0.9, "rows", 10.0));
            t.getStatus().getFolds().add(f);
        }
        FoldTrainingStatusLogic.update(t, ReportServiceTest.NOW);
        return t;
    }

    private InferenceRun run(String name, boolean best, Integer trainedRows, List<Prediction> rows) throws Exception {
        InferenceRun r = ReportServiceTest.run(name, "big", best, 0.5, 0.5, 8e9, null);
        String path = "research/" + name + "/shard-0/predictions.jsonl";
        Files.createDirectories(artifacts.resolve(path).getParent());
        new PredictionWriter().write(artifacts.resolve(path), OutputFormat.JSONL, rows);
        r.getStatus().setOutputs(List.of(path));
        r.getStatus().setTrainedRows(trainedRows);
        return r;
    }

    private List<CustomResource<?, ?>> experiment() throws Exception {
        // zero-shot: rows r0..r17 and an extra row; right on r0..r5 only
        List<Prediction> zeroShot = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String gold = i % 2 == 0 ? "x" : "y";
            zeroShot.add(p("r" + i, gold, i < 6 ? gold : null));
        }
        zeroShot.add(p("extra", "x", "x"));
        List<Prediction> best = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            best.add(p("r" + i, i % 2 == 0 ? "x" : "y", i % 2 == 0 ? "x" : "y"));
        }
        return List.of(training(), run("zero", false, null, zeroShot), run("best", true, 14, best));
    }

    @Test
    void comparesOutOfFoldRowsWithTheZeroShotRunAndKeepsTheLeakedRunOut() throws Exception {
        ReportService.Report report = ReportService.write(experiment(), out, ReportService.Inputs.artifacts(artifacts,
                new ReportConfig(new ReportConfig.BootstrapSettings(500, 3L), null)));

        List<Prediction> oof = PredictionReader.read(artifacts.resolve("research/ft/oof-predictions.jsonl"));
        assertThat(oof).hasSize(20);
        assertThat(oof.stream().filter(p -> p.id().equals("r3")).findFirst().orElseThrow().fold()).isEqualTo(1);
        assertThat(oof.stream().filter(p -> p.id().equals("r4")).findFirst().orElseThrow().fold()).isZero();

        JsonNode json = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
        JsonNode comparisons = json.get("comparisons");
        assertThat(comparisons).hasSize(1);
        JsonNode c = comparisons.get(0);
        assertThat(c.get("a").asText()).contains("out-of-fold");
        assertThat(c.get("shared_rows").asInt()).isEqualTo(18);
        // on r0..r17: fine-tuned wrong on r0, r1, right elsewhere; zero-shot right on r0..r5 only
        // → both right r2..r5 (4), only fine-tuned right r6..r17 (12), only zero-shot right r0, r1 (2)
        assertThat(c.at("/mcnemar/bothRight").asInt()).isEqualTo(4);
        assertThat(c.at("/mcnemar/onlyA").asInt()).isEqualTo(12);
        assertThat(c.at("/mcnemar/onlyB").asInt()).isEqualTo(2);
        // exact: 2 · (C(14,0) + C(14,1) + C(14,2)) / 2^14 = 2 · 106 / 16384
        assertThat(c.at("/mcnemar/pValue").asDouble()).isCloseTo(212.0 / 16384, within(1e-12));
        assertThat(c.at("/accuracy_difference/estimate").asDouble()).isCloseTo((16 - 6) / 18.0, within(1e-12));
        assertThat(c.at("/accuracy_difference/low").asDouble()).isGreaterThan(0.0);
        assertThat(c.get("only_in_a")).extracting(JsonNode::asText).containsExactly("r18", "r19");
        assertThat(c.get("only_in_b")).extracting(JsonNode::asText).containsExactly("extra");

        JsonNode leaked = json.get("arms").get(2);
        assertThat(leaked.get("resource").asText()).isEqualTo("InferenceRun/best");
        assertThat(leaked.get("leakage").asBoolean()).isTrue();
        assertThat(json.get("notes").toString()).contains("InferenceRun/best is scored on 14 rows its adapter trained on");
        assertThat(json.at("/bootstrap/resamples").asInt()).isEqualTo(500);

        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("## Paired comparisons").contains("+0.556").contains("⚠ scored on 14 rows")
                .contains("2 only in A (r18, r19)");
        assertThat(out.resolve("comparison_forest.png")).exists();
        assertThat(out.resolve("comparison_forest.svg")).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>Paired comparisons").contains("McNemar p");
        assertThat(report.comparisonLines()).singleElement().asString().contains("McNemar p = 0.0129");
    }

    @Test
    void anUnknownArmInTheConfigurationIsBadInputNamingTheField() throws Exception {
        ReportConfig config = new ReportConfig(null, List.of(new ReportConfig.Pair("ft", "nope")));
        List<CustomResource<?, ?>> resources = experiment();
        assertThatThrownBy(() -> ReportService.write(resources, out, ReportService.Inputs.artifacts(artifacts, config)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("comparisons[0].b").hasMessageContaining("nope");
    }

    @Test
    void withoutArtifactsTheReportHasNoStatistics() throws Exception {
        ReportService.write(experiment(), out);
        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("Paired comparisons");
        assertThat(out.resolve("comparison_forest.png")).doesNotExist();
    }
}

package dev.kubetune.api.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kustomization under config/suites builds, and what it builds passes the operator's validator. */
class GitOpsSuitesTest {

    static final Path SUITES = Path.of("..", "config", "suites");
    static final Path SLM_VS_LLM = SUITES.resolve("slm-vs-llm");
    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(SUITES)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList().stream();
        }
    }

    @Test
    void theSuitesHaveABaseAndTwoOverlays() throws IOException {
        assertThat(kustomizations().map(d -> SLM_VS_LLM.relativize(d).toString().replace('\\', '/')))
                .containsExactly("base", "overlays/full", "overlays/small-cluster");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void buildsToResourcesTheValidatorAccepts(Path dir) throws IOException {
        List<ObjectNode> objects = KustomizeBuild.build(dir);
        String yaml = objects.stream().map(GitOpsSuitesTest::yaml).collect(Collectors.joining("---\n"));

        ValidationReport report = ManifestValidator.validate(Map.of(dir.toString(), yaml));

        assertThat(report.problems()).isEmpty();
        assertThat(report.resources()).hasSize(objects.size());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void twoZeroShotLargeModelsAgainstTwoFineTunedSmallModelsWithTheirBestFold(Path dir) throws IOException {
        List<ObjectNode> objects = KustomizeBuild.build(dir);

        assertThat(objects).allSatisfy(o -> {
            assertThat(o.at("/metadata/namespace").asText()).isEqualTo("research");
            assertThat(o.at("/metadata/labels/kubetune.dev~1suite").asText()).isEqualTo("slm-vs-llm");
        });
        assertThat(names(objects, "InferenceRun", "zero-shot"))
                .containsExactlyInAnyOrder("notes-llama8b-zero-shot", "notes-qwen7b-zero-shot");
        assertThat(names(objects, "FoldTraining", "fine-tuned")).containsExactlyInAnyOrder("notes-llama3b", "notes-qwen3b");
        assertThat(of(objects, "FoldTraining")).allSatisfy(ft -> assertThat(ft.at("/spec/folds/k").asInt()).isEqualTo(5));
        assertThat(of(objects, "InferenceRun").stream()
                .filter(ir -> ir.at("/spec/adapter/fromFoldTraining/fold").asText().equals("best"))
                .map(ir -> ir.at("/spec/adapter/fromFoldTraining/name").asText()))
                .containsExactlyInAnyOrder("notes-llama3b", "notes-qwen3b");
    }

    @Test
    void smallClusterRunsOneShardAndOneFoldAtATimeWithSmallerBatches() throws IOException {
        List<ObjectNode> objects = KustomizeBuild.build(SLM_VS_LLM.resolve("overlays/small-cluster"));

        assertThat(of(objects, "InferenceRun")).hasSize(4).allSatisfy(ir -> {
            assertThat(ir.at("/spec/shards").asInt()).isEqualTo(1);
            assertThat(ir.at("/spec/generation/batchSize").asInt()).isEqualTo(8);
        });
        assertThat(of(objects, "FoldTraining")).hasSize(2).allSatisfy(ft -> {
            assertThat(ft.at("/spec/scheduling/maxParallelFolds").asInt()).isEqualTo(1);
            assertThat(ft.at("/spec/scheduling/queueName").asText()).as("merged, not replaced").isEqualTo("gpu-queue");
            assertThat(ft.at("/spec/training/batchSize").asInt()).isEqualTo(2);
            assertThat(ft.at("/spec/training/learningRate").asDouble()).isEqualTo(0.0002);
            assertThat(ft.at("/metadata/labels/kubetune.dev~1profile").asText()).isEqualTo("small-cluster");
        });
    }

    @Test
    void fullRunsEveryFoldAtOnceAndFourShards() throws IOException {
        List<ObjectNode> objects = KustomizeBuild.build(SLM_VS_LLM.resolve("overlays/full"));

        assertThat(of(objects, "InferenceRun")).hasSize(4)
                .allSatisfy(ir -> assertThat(ir.at("/spec/shards").asInt()).isEqualTo(4));
        assertThat(of(objects, "InferenceRun").stream()
                .filter(ir -> ir.at("/metadata/labels/kubetune.dev~1arm").asText().equals("zero-shot")))
                .hasSize(2).allSatisfy(ir -> assertThat(ir.at("/spec/generation/batchSize").asInt()).isEqualTo(32));
        assertThat(of(objects, "FoldTraining")).hasSize(2).allSatisfy(ft -> {
            assertThat(ft.at("/spec/scheduling/maxParallelFolds").asInt()).isEqualTo(5);
            assertThat(ft.at("/spec/scheduling/nodeSelector/nvidia.com~1gpu.product").asText()).isEqualTo("NVIDIA-H100-80GB-HBM3");
            assertThat(ft.at("/spec/scheduling/priorityClassName").asText()).isEqualTo("research");
        });
    }

    private static List<ObjectNode> of(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static List<String> names(List<ObjectNode> objects, String kind, String arm) {
        return of(objects, kind).stream()
                .filter(o -> arm.equals(o.at("/metadata/labels/kubetune.dev~1arm").asText()))
                .filter(o -> !o.at("/spec/adapter/fromFoldTraining").isObject())
                .map(o -> o.at("/metadata/name").asText()).toList();
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node).replaceFirst("^---\n", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

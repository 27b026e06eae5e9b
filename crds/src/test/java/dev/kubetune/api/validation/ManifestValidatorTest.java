package dev.kubetune.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestValidatorTest {

    static final Path SAMPLES = Path.of("..", "config", "samples");
    static final Path BROKEN = Path.of("src", "test", "resources", "broken");

    static Stream<Path> samples() throws IOException {
        return yamlFiles(SAMPLES);
    }

    static Stream<Path> broken() throws IOException {
        return yamlFiles(BROKEN);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void acceptsEverySample(Path sample) throws IOException {
        ValidationReport report = ManifestValidator.validate(sample.getFileName().toString(), Files.readString(sample));

        assertThat(report.problems()).isEmpty();
        assertThat(report.resources()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("broken")
    void rejectsBrokenManifestWithOneClearLine(Path manifest) throws IOException {
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        String expected = text.lines().findFirst().orElseThrow().replace("# expect: ", "");

        ValidationReport report = ManifestValidator.validate(manifest.getFileName().toString(), text);

        assertThat(report.isValid()).isFalse();
        assertThat(report.resources()).isEmpty();
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).toString())
                .startsWith(manifest.getFileName().toString() + ":")
                .contains(expected)
                .doesNotContain("\n");
    }

    @Test
    void reportsEveryProblemOfADocument() {
        String yaml = """
                apiVersion: kubetune.dev/v1alpha1
                kind: FoldTraining
                metadata: {name: many}
                spec:
                  model: {volume: models, path: m}
                  dataset: {volume: data, path: d.csv, labelField: label}
                  folds: {k: 1}
                  training: {epochs: 0, valShare: 2}
                  volumes: [{name: models, emptyDir: {}}, {name: data, emptyDir: {}}, {name: artifacts, emptyDir: {}}]
                """;

        List<String> lines = ManifestValidator.validate("m.yaml", yaml).problems().stream().map(Problem::toString).toList();

        assertThat(lines).containsExactlyInAnyOrder(
                "m.yaml:1: FoldTraining/many: spec.folds.k: must be ≥ 2",
                "m.yaml:1: FoldTraining/many: spec.training.epochs: must be ≥ 1",
                "m.yaml:1: FoldTraining/many: spec.training.valShare: must be > 0 and < 1");
    }

    @Test
    void appliesTheSchemaDefaultsLikeTheApiServer() throws IOException {
        String yaml = """
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: defaults, namespace: ns}
                spec:
                  model: {volume: models, path: m}
                  dataset: {volume: data, path: d.jsonl}
                  generation: {temperature: 0.7}
                  volumes: [{name: models, emptyDir: {}}, {name: data, emptyDir: {}}, {name: artifacts, emptyDir: {}}]
                """;

        ValidationReport report = ManifestValidator.validate("d.yaml", yaml);

        InferenceRun run = (InferenceRun) report.resources().get(0);
        assertThat(run.getSpec().getGeneration().getTemperature()).isEqualTo(0.7);
        assertThat(run.getSpec().getGeneration().getMaxNewTokens()).isEqualTo(64);
        assertThat(run.getSpec().getShards()).isEqualTo(1);
        assertThat(run.getSpec().getDataset().getTextField()).isEqualTo("text");
        assertThat(run.getSpec().getOutput().getVolume()).isEqualTo("artifacts");
    }

    @Test
    void validatesFilesTogetherSoReferencesAcrossThemAreChecked() {
        String training = """
                apiVersion: kubetune.dev/v1alpha1
                kind: FoldTraining
                metadata: {name: ft, namespace: ns}
                spec:
                  model: {volume: models, path: m}
                  dataset: {volume: data, path: d.csv, labelField: label}
                  folds: {k: 2}
                  volumes: [{name: models, emptyDir: {}}, {name: data, emptyDir: {}}, {name: artifacts, emptyDir: {}}]
                """;
        String run = """
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: ir, namespace: ns}
                spec:
                  model: {volume: models, path: m}
                  adapter: {fromFoldTraining: {name: ft, fold: 5}}
                  dataset: {volume: data, path: d.csv}
                  volumes: [{name: models, emptyDir: {}}, {name: data, emptyDir: {}}, {name: artifacts, emptyDir: {}}]
                """;
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("ft.yaml", training);
        files.put("ir.yaml", run);

        List<Problem> problems = ManifestValidator.validate(files).problems();

        assertThat(problems).extracting(Problem::toString).containsExactly(
                "ir.yaml:1: InferenceRun/ir: spec.adapter.fromFoldTraining.fold: fold 5 does not exist: FoldTraining/ft has folds 0..1");
    }

    @Test
    void readsTheQuickstartIntoTypedResources() throws IOException {
        Path quickstart = SAMPLES.resolve("quickstart.yaml");

        ValidationReport report = ManifestValidator.validate("quickstart.yaml", Files.readString(quickstart));

        assertThat(report.resources()).hasSize(3);
        FoldTraining training = (FoldTraining) report.resources().get(0);
        assertThat(training.getSpec().getFolds().getK()).isEqualTo(3);
        assertThat(training.getSpec().getLora().getTargetModules()).hasSize(7);
        InferenceRun best = (InferenceRun) report.resources().get(2);
        assertThat(best.getSpec().getAdapter().getFromFoldTraining().getFold().getStrVal()).isEqualTo("best");
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}

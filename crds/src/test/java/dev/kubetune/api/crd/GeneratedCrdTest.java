package dev.kubetune.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.validation.CrdSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs generated from the classes: checked in, kubectl-friendly, and carrying every validation rule. */
class GeneratedCrdTest {

    static final Path GENERATED = Path.of("target", "classes");
    static final Path CHECKED_IN = Path.of("..", "charts", "kubetune", "crds");

    @ParameterizedTest
    @ValueSource(strings = {"foldtrainings", "inferenceruns"})
    void checkedInCrdIsWhatTheBuildGenerates(String plural) throws IOException {
        String name = Path.of(CrdSchemas.resourceName(plural)).getFileName().toString();
        String generated = Files.readString(GENERATED.resolve(CrdSchemas.resourceName(plural)));
        Path checkedIn = CHECKED_IN.resolve(name);

        assertThat(checkedIn).as("%s is missing: run ./mvnw -pl crds process-classes -Pupdate-crds", checkedIn).exists();
        assertThat(Files.readString(checkedIn))
                .as("%s differs from the generated CRD: run ./mvnw -pl crds process-classes -Pupdate-crds", checkedIn)
                .isEqualTo(generated);
    }

    @Test
    void namesScopeAndSubresource() {
        for (String kind : List.of(FoldTraining.KIND, InferenceRun.KIND)) {
            JsonNode spec = CrdSchemas.crd(kind).path("spec");
            assertThat(spec.path("group").asText()).isEqualTo("kubetune.dev");
            assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
            assertThat(spec.path("names").path("categories").toString()).isEqualTo("[\"kubetune\"]");
            assertThat(spec.path("versions").get(0).path("name").asText()).isEqualTo("v1alpha1");
            assertThat(spec.path("versions").get(0).path("subresources").has("status")).isTrue();
        }
        assertThat(CrdSchemas.crd(FoldTraining.KIND).path("spec").path("names").path("shortNames").get(0).asText()).isEqualTo("ft");
        assertThat(CrdSchemas.crd(InferenceRun.KIND).path("spec").path("names").path("shortNames").get(0).asText()).isEqualTo("ir");
    }

    @Test
    void printerColumnsShowPhaseProgressMetricAndAge() {
        assertThat(columns(FoldTraining.KIND)).containsExactlyInAnyOrder(
                "Phase=.status.phase", "Folds=.status.progress", "Metric=.status.mainMetric.name",
                "Mean=.status.mainMetric.value", "Age=.metadata.creationTimestamp");
        assertThat(columns(InferenceRun.KIND)).containsExactlyInAnyOrder(
                "Phase=.status.phase", "Shards=.status.progress", "Rows=.status.rows", "Metric=.status.mainMetric.name",
                "Value=.status.mainMetric.value", "Age=.metadata.creationTimestamp");
    }

    @Test
    void everyCrossFieldRuleIsInTheSchema() {
        assertThat(rules(FoldTraining.KIND)).contains(
                "spec.folds.k: self >= 2",
                "spec.training.valShare: self > 0.0 && self < 1.0",
                "spec.training.learningRate: self > 0.0",
                "spec.dataset: !(has(self.ids) && has(self.idFile))",
                "spec: has(self.dataset.labelField)",
                "spec.prompt: !has(self.extract) || self.extract != 'regex' || has(self.extractPattern)");
        assertThat(rules(InferenceRun.KIND)).contains(
                "spec.shards: self >= 1",
                "spec.adapter: has(self.path) != has(self.fromFoldTraining)",
                "spec.adapter: !has(self.path) || has(self.volume)",
                "spec.adapter.fromFoldTraining.fold: type(self) == string ? self == 'best' : self >= 0",
                "spec.generation.topP: self > 0.0 && self <= 1.0",
                "spec.dataset: !(has(self.ids) && has(self.idFile))");
    }

    @Test
    void schemaDefaultsEqualTheJavaDefaults() {
        JsonMapper json = JsonMapper.builder().build();
        assertDefaultsMatch(schemaOf(FoldTraining.KIND).path("properties").path("spec"),
                json.valueToTree(new FoldTrainingSpec()), "spec");
        assertDefaultsMatch(schemaOf(InferenceRun.KIND).path("properties").path("spec"),
                json.valueToTree(new InferenceRunSpec()), "spec");
    }

    private static void assertDefaultsMatch(JsonNode schema, JsonNode javaValue, String path) {
        if (schema.has("default")) {
            JsonNode expected = schema.get("default");
            assertThat(javaValue.isNumber() ? javaValue.decimalValue().stripTrailingZeros().toPlainString() : javaValue.toString())
                    .as("default of %s", path)
                    .isEqualTo(expected.isNumber() ? expected.decimalValue().stripTrailingZeros().toPlainString() : expected.toString());
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            if (javaValue != null && javaValue.has(p.getKey())) {
                assertDefaultsMatch(p.getValue(), javaValue.get(p.getKey()), path + "." + p.getKey());
            } else {
                assertThat(p.getValue().has("default")).as("%s has a schema default but no Java default", path + "." + p.getKey()).isFalse();
            }
        });
    }

    private static JsonNode schemaOf(String kind) {
        return CrdSchemas.crd(kind).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    private static List<String> columns(String kind) {
        List<String> out = new ArrayList<>();
        CrdSchemas.crd(kind).path("spec").path("versions").get(0).path("additionalPrinterColumns")
                .forEach(c -> out.add(c.path("name").asText() + "=" + c.path("jsonPath").asText()));
        return out;
    }

    private static List<String> rules(String kind) {
        List<String> out = new ArrayList<>();
        collectRules(schemaOf(kind).path("properties").path("spec"), "spec", out);
        return out;
    }

    private static void collectRules(JsonNode schema, String path, List<String> out) {
        schema.path("x-kubernetes-validations").forEach(r -> out.add(path + ": " + r.path("rule").asText()));
        schema.path("properties").fields().forEachRemaining(p -> collectRules(p.getValue(), path + "." + p.getKey(), out));
        if (schema.has("items")) {
            collectRules(schema.get("items"), path + "[]", out);
        }
    }
}

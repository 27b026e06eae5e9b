package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.spec.Dtype;
import dev.kubetune.api.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One truth: every FoldTraining and InferenceRun under config/ (samples and GitOps suites) has its
 * model settings taken through the placement code a pod runs, on a tiny model stored in the dtype the
 * real one is (bfloat16 checkpoints: tiny-qwen2-bf16), loaded and run.
 */
class ManifestPlacementTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyManifestsModelSettingsLoadAndRunOnTheCpu() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(Path.of("../config"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path manifest : manifests) {
            for (JsonNode doc : documents(manifest)) {
                String kind = doc.path("kind").asText();
                if (!(kind.equals("FoldTraining") || kind.equals("InferenceRun")) || !doc.path("spec").has("model")) {
                    continue;
                }
                ModelSpec model = YAML.convertValue(doc.get("spec").get("model"), ModelSpec.class);
                String fixture = model.getDtype() == Dtype.BFLOAT16 || model.getDtype() == Dtype.AUTO
                        ? "tiny-qwen2-bf16" : "tiny-llama";
                String what = manifest + " " + kind + "/" + doc.path("metadata").path("name").asText()
                        + " dtype " + model.getDtype().value();
                ComputePlacement placement = ComputePlacement.choose("cpu", model.getDtype(), Fixtures.folder(fixture));
                assertThat(placement.dtype()).as(what).isEqualTo(expected(model.getDtype()));
                try (LanguageModel loaded = LanguageModel.load(Fixtures.folder(fixture), placement)) {
                    assertThat(loaded.decoder().computeType()).as(what).isEqualTo(placement.dtype());
                    float[] logits = Fixtures.lastLogits(loaded, Fixtures.cases(fixture).get(0).inputIds(), WeightDeltas.NONE);
                    assertThat(logits).as(what).hasSize(loaded.config().vocabSize());
                    for (float v : logits) {
                        assertThat(Float.isFinite(v)).as(what).isTrue();
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("FoldTraining / InferenceRun manifests found under config/").isGreaterThanOrEqualTo(5);
    }

    private static DataType expected(Dtype dtype) {
        return switch (dtype) {
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT16 -> DataType.FLOAT16;
            case FLOAT32 -> DataType.FLOAT32;
            case AUTO -> ComputePlacement.automatic(false, DataType.BFLOAT16);
        };
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}

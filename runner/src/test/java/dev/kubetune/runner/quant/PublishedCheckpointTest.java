package dev.kubetune.runner.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.generate.Completion;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.DecoderWeights;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published quantized checkpoints of test resources' fixtures-quant/ (made by quantlm.py from
 * tiny-llama, with an independent dequantizer): every dequantized weight is bit for bit the recorded
 * one, and the model's logits and greedy continuations, with and without the LoRA adapter, match the
 * float32 reference forward over those weights.
 */
class PublishedCheckpointTest {

    static final List<String> FIXTURES = List.of("tiny-llama-nf4", "tiny-llama-nf4-double", "tiny-llama-fp4",
            "tiny-llama-fp4-double", "tiny-llama-bnb-int8", "tiny-llama-gptq-int4", "tiny-llama-gptq-int4-actorder");

    static Stream<String> fixtures() {
        return FIXTURES.stream();
    }

    private static final Map<String, LanguageModel> MODELS = new HashMap<>();

    /**
     * The checkpoint computed in float32, as the reference is: the GPTQ fixtures store float16 scales and
     * embeddings, and {@code auto} would keep float16, whose rounding the recorded hashes do not have.
     */
    private static synchronized LanguageModel float32Model(String fixture) {
        return MODELS.computeIfAbsent(fixture, f -> LanguageModel.load(Fixtures.folder(f), ComputePlacement.CPU));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void dequantizedWeightsAreBitExact(String fixture) throws IOException {
        LanguageModel model = float32Model(fixture);
        JsonNode recorded = new ObjectMapper().readTree(Fixtures.folder(fixture).resolve("expected.json").toFile())
                .get("dequantized_sha256");
        Map<String, String> expected = new HashMap<>();
        recorded.fields().forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> actual = new HashMap<>();
        try (NDManager scratch = model.manager().newSubManager()) {
            for (String module : DecoderWeights.projectionModules(model.config())) {
                assertThat(model.decoder().weights().quantizedLinear(module)).as("%s held quantized", module).isNotNull();
                actual.put(module + ".weight", sha256(model.decoder().weights().denseLinear(module, scratch).toFloatArray()));
            }
        }
        assertThat(actual).as(fixture).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void logitsAndGreedyIdsMatchTheReferenceWithAndWithoutTheAdapter(String fixture) {
        LanguageModel model = float32Model(fixture);
        List<Fixtures.Case> cases = Fixtures.cases(fixture);
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        List<long[]> prompts = cases.stream().map(Fixtures.Case::inputIds).toList();
        try (NDManager adapterManager = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraAdapter.load(Fixtures.folder(fixture).resolve("adapter"), model.config(),
                    model.decoder().weights(), adapterManager);
            for (WeightDeltas deltas : List.of(WeightDeltas.NONE, adapter)) {
                List<Completion> greedy = generator.generateFromIds(prompts, GenerationSettings.greedy(10).withBatchSize(16), deltas);
                for (int i = 0; i < cases.size(); i++) {
                    Fixtures.Outputs expected = deltas == WeightDeltas.NONE ? cases.get(i).base() : cases.get(i).adapter();
                    String what = fixture + (deltas == WeightDeltas.NONE ? " base: " : " adapter: ") + cases.get(i).text();
                    assertThat(Fixtures.lastLogits(model, cases.get(i).inputIds(), deltas)).as(what)
                            .containsExactly(expected.lastLogits(), within(1e-3f));
                    assertThat(greedy.get(i).tokenIds()).as(what).containsExactly(expected.greedyIds());
                }
            }
        }
    }

    /** quantlm.py's hash: the row-major float32 little-endian bytes, -0.0 written as +0.0. */
    static String sha256(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v + 0.0f);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.kubetune.runner.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The tiny model fixtures in test resources, each loaded once per test JVM, and their expected.json
 * (reference outputs from tools/tinylm.py, an independent PyTorch implementation).
 */
public final class Fixtures {

    public static final List<String> NAMES =
            List.of("tiny-llama", "tiny-llama3", "tiny-mistral", "tiny-qwen2-bf16", "tiny-qwen3", "tiny-gemma2");

    private static final Map<String, LanguageModel> MODELS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MODELS.values().forEach(LanguageModel::close)));
    }

    /** One reference case: a prompt, its token ids, and base / adapter outputs. */
    public record Case(String text, long[] inputIds, Outputs base, Outputs adapter) {}

    /** Last-position logits and the greedy continuation (ending with EOS when it was produced). */
    public record Outputs(float[] lastLogits, long[] greedyIds, double greedyMinMargin) {}

    private Fixtures() {}

    public static Stream<String> names() {
        return NAMES.stream();
    }

    /** A fixture of test resources' fixtures/ or, for quantized checkpoints, fixtures-quant/. */
    public static Path folder(String name) {
        try {
            var resource = Fixtures.class.getResource("/fixtures/" + name);
            return Path.of((resource != null ? resource : Fixtures.class.getResource("/fixtures-quant/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture on the CPU in the dtype its weights are stored in (tiny-qwen2-bf16 computes in bfloat16). */
    public static synchronized LanguageModel model(String name) {
        return MODELS.computeIfAbsent(name, n -> LanguageModel.load(folder(n), storedPlacement(n)));
    }

    public static ComputePlacement storedPlacement(String name) {
        return new ComputePlacement(Device.cpu(), WeightFiles.open(folder(name)).storedType("model.embed_tokens.weight"));
    }

    /**
     * How far logits may be from the float32 reference. A float32 model: 1e-3. A model computing in
     * bfloat16 rounds every activation to 8 significant bits, so its error scales with the logits: 2^-4
     * of the largest reference logit. Measured on tiny-qwen2-bf16: this runner's bfloat16 forward is
     * 0.21–0.34 from the reference (largest logit 40–54), with the adapter 0.31–0.93 (largest 28–38: the
     * reference merges it into float32 weights); a Hugging Face style bfloat16 forward in PyTorch (bf16
     * weights and activations, float32 norms and softmax) is 0.18–0.32 from it on the same base cases.
     * 5e-2, the tolerance for bfloat16 weights computed in float32, is out of reach for any bfloat16
     * computation.
     */
    public static float tolerance(LanguageModel model, float[] reference) {
        if (model.decoder().computeType() == DataType.FLOAT32) {
            return 1e-3f;
        }
        float largest = 0;
        for (float v : reference) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest / 16;
    }

    /**
     * Whether a greedy continuation must equal the reference's: always in float32; in bfloat16 when the
     * reference's smallest top-1 / top-2 margin along it is above the rounding of the logits (0.5), since
     * a closer race may go either way in bfloat16, as it would in PyTorch.
     */
    public static boolean greedyComparable(LanguageModel model, Outputs reference) {
        return model.decoder().computeType() == DataType.FLOAT32 || reference.greedyMinMargin() > 0.5;
    }

    public static List<Case> cases(String name) {
        try {
            JsonNode root = JSON.readTree(folder(name).resolve("expected.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(c.get("text").asText(), longs(c.get("input_ids")),
                        outputs(c.get("base")), outputs(c.get("adapter"))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Outputs outputs(JsonNode n) {
        JsonNode logits = n.get("last_logits");
        float[] values = new float[logits.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) logits.get(i).asDouble();
        }
        return new Outputs(values, longs(n.get("greedy_ids")), n.get("greedy_min_margin").asDouble());
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** Last-position logits of one sequence, no cache. */
    public static float[] lastLogits(LanguageModel model, long[] ids, WeightDeltas deltas) {
        return lastLogits(model.decoder(), model.manager(), ids, deltas);
    }

    public static float[] lastLogits(Decoder decoder, NDManager parent, long[] ids, WeightDeltas deltas) {
        try (NDManager step = parent.newSubManager()) {
            DecoderInput input = DecoderInput.leftPadded(step, List.of(ids), 0, new int[1]);
            NDArray hidden = decoder.forward(input, null, deltas);
            return decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
        }
    }
}

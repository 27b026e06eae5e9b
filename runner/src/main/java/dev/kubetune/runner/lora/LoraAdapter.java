package dev.kubetune.runner.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.Constants;
import dev.kubetune.runner.model.DecoderWeights;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.model.WeightFiles;
import dev.kubetune.runner.torch.DtypeGuard;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A PEFT LoRA adapter for one model: per linear module an A [r, in] and B [out, r]. Applied unmerged
 * ({@link #forModule}: base(x) + scale·B·A·x, the base weights untouched so one base serves many
 * adapters; A and B may require gradients) or merged into a copy of the weights ({@link #mergeInto}).
 */
public final class LoraAdapter implements WeightDeltas {

    /** One module's factors. */
    public record Factors(NDArray a, NDArray b) {}

    private static final String PEFT_PREFIX = "base_model.model.";

    private final LoraConfig config;
    private final Map<String, Factors> modules;
    private final float scale;

    public LoraAdapter(LoraConfig config, Map<String, Factors> modules) {
        this.config = config;
        this.modules = Map.copyOf(modules);
        this.scale = (float) config.scale();
    }

    /**
     * Reads adapter_config.json and adapter_model.safetensors from {@code folder} into {@code manager}
     * (a sub-manager of the model's), checking every tensor against the base weights' shapes.
     */
    public static LoraAdapter load(Path folder, ModelConfig model, DecoderWeights base, NDManager manager) {
        LoraConfig config = LoraConfig.load(folder);
        WeightFiles files = WeightFiles.ofFile(folder.resolve("adapter_model.safetensors"));
        Set<String> known = new HashSet<>(DecoderWeights.projectionModules(model));
        Map<String, Factors> modules = new HashMap<>();
        for (String name : files.names()) {
            if (!name.endsWith(".lora_A.weight")) {
                continue;
            }
            String module = moduleOf(name);
            if (!known.contains(module)) {
                throw new BadInputException(folder + ": adapter tensor '" + name + "' targets no linear module of the model");
            }
            String bName = name.replace(".lora_A.", ".lora_B.");
            long[] weight = base.linearShape(module);
            long[] expectedA = {config.rank(), weight[1]};
            long[] expectedB = {weight[0], config.rank()};
            checkShape(folder, name, files.shape(name), expectedA);
            if (!files.contains(bName)) {
                throw new BadInputException(folder + ": adapter tensor '" + bName + "' is missing");
            }
            checkShape(folder, bName, files.shape(bName), expectedB);
            modules.put(module, new Factors(asFloat32(files.read(name, manager)), asFloat32(files.read(bName, manager))));
        }
        if (modules.isEmpty()) {
            throw new BadInputException(folder + ": adapter_model.safetensors holds no lora_A/lora_B tensors");
        }
        return new LoraAdapter(config, modules);
    }

    public LoraConfig config() {
        return config;
    }

    public Map<String, Factors> modules() {
        return modules;
    }

    @Override
    public LinearDelta forModule(String module) {
        Factors f = modules.get(module);
        if (f == null) {
            return null;
        }
        // float32 whatever the base computes in (PEFT's mixed precision): the caller adds the result in float32
        return x -> Constants.mul(Linear.linear(Linear.linear(DtypeGuard.cast(x, DataType.FLOAT32), f.a())
                .singletonOrThrow(), f.b()).singletonOrThrow(), scale);
    }

    /**
     * The base weights with W + scale·B·A for every adapted module, summed in float32 and rounded to W's
     * dtype (PEFT's merge); new arrays live in {@code manager}.
     */
    public DecoderWeights mergeInto(DecoderWeights base, NDManager manager) {
        Map<String, NDArray> merged = new HashMap<>();
        modules.forEach((module, f) -> {
            NDArray weight = base.denseLinear(module, manager);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray delta = f.b().matMul(f.a()).mul(scale);
                delta.attach(scratch);
                NDArray sum = DtypeGuard.cast(delta.add(weight), DtypeGuard.dtype(weight));
                sum.attach(manager);
                merged.put(module + ".weight", sum);
            }
            if (base.quantizedLinear(module) != null) {
                weight.close();
            }
        });
        return base.withReplaced(merged);
    }

    /** "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight" → "model.layers.0.self_attn.q_proj". */
    static String moduleOf(String tensorName) {
        String name = tensorName.startsWith(PEFT_PREFIX) ? tensorName.substring(PEFT_PREFIX.length()) : tensorName;
        int cut = name.indexOf(".lora_");
        return cut < 0 ? name : name.substring(0, cut);
    }

    private static void checkShape(Path folder, String name, long[] actual, long[] expected) {
        if (!Arrays.equals(actual, expected)) {
            throw new BadInputException(folder + ": adapter tensor '" + name + "' has shape " + Arrays.toString(actual)
                    + " but the model needs " + Arrays.toString(expected));
        }
    }

    /** LoRA factors are float32 whatever the base's dtype (PEFT keeps them so under mixed precision). */
    private static NDArray asFloat32(NDArray array) {
        NDArray wide = DtypeGuard.cast(array, DataType.FLOAT32);
        if (wide != array) {
            array.close();
        }
        return wide;
    }
}

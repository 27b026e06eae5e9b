package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.quant.QuantizedCheckpoint;
import dev.kubetune.runner.quant.QuantizedLinear;
import dev.kubetune.runner.quant.WeightQuantization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The base weights of a decoder by their Hugging Face names ("model.layers.0.self_attn.q_proj.weight"),
 * loaded in the compute type (norm weights in float32), each converted as it is read. Gemma's RMSNorm
 * weights are stored as (1 + w) so every architecture normalises the same way. Linear weights quantized
 * on load are held in {@code quantized} by module ("model.layers.0.mlp.up_proj") instead of
 * {@code tensors}. The maps are read-only; {@link #withReplaced} gives a copy (LoRA merging).
 */
public record DecoderWeights(Map<String, NDArray> tensors, Map<String, QuantizedLinear> quantized) {

    public static final String[] ATTENTION_PROJECTIONS = {"q_proj", "k_proj", "v_proj", "o_proj"};
    public static final String[] MLP_PROJECTIONS = {"gate_proj", "up_proj", "down_proj"};

    public DecoderWeights {
        tensors = Map.copyOf(tensors);
        quantized = Map.copyOf(quantized);
    }

    public DecoderWeights(Map<String, NDArray> tensors) {
        this(tensors, Map.of());
    }

    /** {@link #load(ModelConfig, WeightFiles, NDManager, DataType, WeightQuantization)} without quantizing on load. */
    public static DecoderWeights load(ModelConfig config, WeightFiles files, NDManager manager, DataType computeType) {
        return load(config, files, manager, computeType, null);
    }

    /**
     * Reads every tensor the config calls for, one at a time; a missing one is bad input naming it. Linear
     * weights of a quantized checkpoint (config.json's quantization_config) are held quantized as
     * published; with {@code quantization} (not null) the linear weights of a float checkpoint are
     * quantized as each is read and held so.
     */
    public static DecoderWeights load(ModelConfig config, WeightFiles files, NDManager manager, DataType computeType,
                                      WeightQuantization quantization) {
        QuantizedCheckpoint published = QuantizedCheckpoint.detect(files).orElse(null);
        if (published != null && quantization != null) {
            throw new BadInputException("model.quantization: " + files.folder() + " is already quantized ("
                    + published.format().describe() + "); leave model.quantization out");
        }
        Map<String, NDArray> tensors = new HashMap<>();
        Map<String, QuantizedLinear> quantized = new HashMap<>();
        List<String> linearWeights = projectionModules(config).stream().map(m -> m + ".weight").toList();
        for (String name : requiredNames(config)) {
            String module = name.substring(0, name.lastIndexOf('.'));
            if (published != null && published.holds(module)) {
                quantized.put(module, published.load(module, computeType, manager));
            } else if (quantization != null && linearWeights.contains(name)) {
                quantized.put(module, quantize(files, name, manager, computeType, quantization));
            } else {
                tensors.put(name, load(files, name, manager, computeType, isNorm(name) && config.architecture().gemmaStyle));
            }
        }
        for (String module : projectionModules(config)) {
            String bias = module + ".bias";
            if (files.contains(bias) && !tensors.containsKey(bias)) {
                tensors.put(bias, load(files, bias, manager, computeType, false));
            }
        }
        return new DecoderWeights(tensors, quantized);
    }

    /** Names of all linear modules ("model.layers.3.mlp.down_proj"), the places LoRA can attach. */
    public static List<String> projectionModules(ModelConfig config) {
        List<String> modules = new ArrayList<>();
        for (int l = 0; l < config.numLayers(); l++) {
            for (String p : ATTENTION_PROJECTIONS) {
                modules.add(layerPrefix(l) + "self_attn." + p);
            }
            for (String p : MLP_PROJECTIONS) {
                modules.add(layerPrefix(l) + "mlp." + p);
            }
        }
        return modules;
    }

    public static String layerPrefix(int layer) {
        return "model.layers." + layer + ".";
    }

    public NDArray get(String name) {
        NDArray t = tensors.get(name);
        if (t == null) {
            throw new IllegalStateException("weight not loaded: " + name);
        }
        return t;
    }

    /** The module's weight held quantized, or null when it is held as a plain tensor. */
    public QuantizedLinear quantizedLinear(String module) {
        return quantized.get(module);
    }

    /** [out, in] of a linear module's weight, however it is held. */
    public long[] linearShape(String module) {
        QuantizedLinear q = quantized.get(module);
        return q != null ? q.shape() : get(module + ".weight").getShape().getShape();
    }

    /** The compute type of the weights (that of the token embedding). */
    public DataType computeType() {
        return DtypeGuard.dtype(get("model.embed_tokens.weight"));
    }

    /** A linear module's weight as a plain tensor: the held one, or the quantized one dequantized into {@code manager}. */
    public NDArray denseLinear(String module, NDManager manager) {
        QuantizedLinear q = quantized.get(module);
        return q != null ? q.dequantize(manager, computeType()) : get(module + ".weight");
    }

    /** The tensor or null (optional biases). */
    public NDArray find(String name) {
        return tensors.get(name);
    }

    /** A copy with some tensors replaced; a replaced linear weight is then held plain, no longer quantized. */
    public DecoderWeights withReplaced(Map<String, NDArray> replacements) {
        Map<String, NDArray> copy = new HashMap<>(tensors);
        copy.putAll(replacements);
        Map<String, QuantizedLinear> stillQuantized = new HashMap<>(quantized);
        replacements.keySet().forEach(name -> stillQuantized.remove(name.substring(0, name.lastIndexOf('.'))));
        return new DecoderWeights(copy, stillQuantized);
    }

    private static List<String> requiredNames(ModelConfig config) {
        Architecture arch = config.architecture();
        List<String> names = new ArrayList<>(List.of("model.embed_tokens.weight", "model.norm.weight"));
        if (!config.tieWordEmbeddings()) {
            names.add("lm_head.weight");
        }
        for (int l = 0; l < config.numLayers(); l++) {
            String p = layerPrefix(l);
            names.add(p + "input_layernorm.weight");
            names.add(p + "post_attention_layernorm.weight");
            if (arch.sandwichNorms) {
                names.add(p + "pre_feedforward_layernorm.weight");
                names.add(p + "post_feedforward_layernorm.weight");
            }
            if (arch.queryKeyNorm) {
                names.add(p + "self_attn.q_norm.weight");
                names.add(p + "self_attn.k_norm.weight");
            }
            if (config.attentionBias()) {
                for (String b : new String[] {"q_proj", "k_proj", "v_proj"}) {
                    names.add(p + "self_attn." + b + ".bias");
                }
            }
        }
        projectionModules(config).forEach(m -> names.add(m + ".weight"));
        return names;
    }

    private static boolean isNorm(String name) {
        return name.endsWith("norm.weight");
    }

    /**
     * Norm weights in float32 (the norm computes in float32, as Hugging Face's does; Gemma's 1 + w is
     * formed there too), every other tensor in the compute type.
     */
    private static NDArray load(WeightFiles files, String name, NDManager manager, DataType type, boolean plusOne) {
        if (!files.contains(name)) {
            throw new BadInputException("model weights: tensor '" + name + "' is missing");
        }
        if (!isNorm(name)) {
            return files.read(name, manager, type);
        }
        NDArray weight = files.read(name, manager, DataType.FLOAT32);
        if (!plusOne) {
            return weight;
        }
        NDArray shifted = weight.add(1f);
        weight.close();
        return shifted;
    }

    /** The weight read as stored, quantized natively and freed: loading holds one float tensor at a time. */
    private static QuantizedLinear quantize(WeightFiles files, String name, NDManager manager, DataType type,
                                            WeightQuantization quantization) {
        if (!files.contains(name)) {
            throw new BadInputException("model weights: tensor '" + name + "' is missing");
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray raw = files.read(name, scratch, null);
            return quantization.quantize(name.substring(0, name.lastIndexOf('.')), raw, type, manager);
        }
    }
}

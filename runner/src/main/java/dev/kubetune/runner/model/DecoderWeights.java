package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.BadInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The base weights of a decoder by their Hugging Face names ("model.layers.0.self_attn.q_proj.weight"),
 * loaded in the compute type (norm weights in float32), each converted as it is read. Gemma's RMSNorm weights are stored as (1 + w) so every architecture
 * normalises the same way. The map is read-only; {@link #withReplaced} gives a copy (LoRA merging).
 */
public record DecoderWeights(Map<String, NDArray> tensors) {

    public static final String[] ATTENTION_PROJECTIONS = {"q_proj", "k_proj", "v_proj", "o_proj"};
    public static final String[] MLP_PROJECTIONS = {"gate_proj", "up_proj", "down_proj"};

    public DecoderWeights {
        tensors = Map.copyOf(tensors);
    }

    /** Reads every tensor the config calls for; a missing one is bad input naming it. */
    public static DecoderWeights load(ModelConfig config, WeightFiles files, NDManager manager, DataType computeType) {
        Map<String, NDArray> tensors = new HashMap<>();
        for (String name : requiredNames(config)) {
            tensors.put(name, load(files, name, manager, computeType, isNorm(name) && config.architecture().gemmaStyle));
        }
        for (String module : projectionModules(config)) {
            String bias = module + ".bias";
            if (files.contains(bias) && !tensors.containsKey(bias)) {
                tensors.put(bias, load(files, bias, manager, computeType, false));
            }
        }
        return new DecoderWeights(tensors);
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

    /** The tensor or null (optional biases). */
    public NDArray find(String name) {
        return tensors.get(name);
    }

    public DecoderWeights withReplaced(Map<String, NDArray> replacements) {
        Map<String, NDArray> copy = new HashMap<>(tensors);
        copy.putAll(replacements);
        return new DecoderWeights(copy);
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
}

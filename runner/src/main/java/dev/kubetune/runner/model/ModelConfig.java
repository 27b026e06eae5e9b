package dev.kubetune.runner.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model folder's config.json (and generation_config.json for the stop tokens), reduced to what the
 * {@link Decoder} needs, and the longest sequence it was made for. Optional numbers are null when absent.
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        Llama3RopeScaling ropeScaling,
        Integer slidingWindow,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        Double queryPreAttnScalar,
        Double attnLogitSoftcapping,
        Double finalLogitSoftcapping,
        Integer bosTokenId,
        List<Integer> eosTokenIds,
        Integer maxPositionEmbeddings) {

    /** Llama 3's rope_scaling: low frequencies stretched by factor, a smooth ramp between. */
    public record Llama3RopeScaling(double factor, double lowFreqFactor, double highFreqFactor,
                                    int originalMaxPositionEmbeddings) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelConfig load(Path folder) {
        Path file = folder.resolve("config.json");
        JsonNode c = readJson(file);
        if (c == null) {
            throw new BadInputException(folder + ": no config.json in the model folder");
        }
        String source = file.toString();
        Architecture arch = Architecture.fromModelType(c.path("model_type").asText(null), source);
        int hidden = required(c, "hidden_size", source);
        int heads = required(c, "num_attention_heads", source);
        Integer window = c.hasNonNull("sliding_window") ? c.get("sliding_window").asInt() : null;
        boolean slidingUsed = switch (arch.slidingLayers) {
            case NONE -> false;
            case ALL, EVEN -> true;
            case IF_ENABLED -> c.path("use_sliding_window").asBoolean(false);
        };
        Set<Integer> eos = new LinkedHashSet<>();
        addIds(c.get("eos_token_id"), eos);
        JsonNode generation = readJson(folder.resolve("generation_config.json"));
        Integer bos = c.hasNonNull("bos_token_id") ? c.get("bos_token_id").asInt() : null;
        if (generation != null) {
            addIds(generation.get("eos_token_id"), eos);
            if (bos == null && generation.hasNonNull("bos_token_id")) {
                bos = generation.get("bos_token_id").asInt();
            }
        }
        return checked(new ModelConfig(arch,
                required(c, "vocab_size", source), hidden, required(c, "intermediate_size", source),
                required(c, "num_hidden_layers", source), heads,
                c.path("num_key_value_heads").asInt(heads),
                c.hasNonNull("head_dim") ? c.get("head_dim").asInt() : hidden / heads,
                c.path("rms_norm_eps").asDouble(1e-6),
                c.path("rope_theta").asDouble(10000.0),
                ropeScaling(c.get("rope_scaling"), source),
                slidingUsed ? window : null,
                c.path("tie_word_embeddings").asBoolean(arch == Architecture.GEMMA2),
                c.path("attention_bias").asBoolean(arch.attentionBiasByDefault),
                optionalDouble(c, "query_pre_attn_scalar"),
                arch.gemmaStyle ? optionalDouble(c, "attn_logit_softcapping") : null,
                arch.gemmaStyle ? optionalDouble(c, "final_logit_softcapping") : null,
                bos, List.copyOf(eos),
                c.hasNonNull("max_position_embeddings") ? c.get("max_position_embeddings").asInt() : null), source);
    }

    /** Sizes that fit together and token ids inside the vocabulary, else bad input naming the field. */
    private static ModelConfig checked(ModelConfig m, String source) {
        if (m.numKeyValueHeads() <= 0 || m.numHeads() % m.numKeyValueHeads() != 0) {
            throw new BadInputException(source + ": num_key_value_heads " + m.numKeyValueHeads()
                    + " must be a positive divisor of num_attention_heads " + m.numHeads());
        }
        if (m.headDim() <= 0) {
            throw new BadInputException(source + ": head_dim must be ≥ 1, not " + m.headDim());
        }
        for (Integer id : m.bosTokenId() == null ? m.eosTokenIds() : concat(m.bosTokenId(), m.eosTokenIds())) {
            if (id < 0 || id >= m.vocabSize()) {
                throw new BadInputException(source + ": token id " + id + " (bos_token_id / eos_token_id) is outside the vocabulary "
                        + "of vocab_size " + m.vocabSize());
            }
        }
        return m;
    }

    private static List<Integer> concat(Integer first, List<Integer> rest) {
        List<Integer> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    /** Whether layer {@code layer} attends through the sliding window. */
    public boolean slidingLayer(int layer) {
        return slidingWindow != null
                && (architecture.slidingLayers != Architecture.SlidingLayers.EVEN || layer % 2 == 0);
    }

    /** The factor applied to attention scores: 1/sqrt(head_dim), or Gemma's query_pre_attn_scalar^-0.5. */
    public double attentionScale() {
        return 1.0 / Math.sqrt(queryPreAttnScalar != null && architecture.gemmaStyle ? queryPreAttnScalar : headDim);
    }

    private static Llama3RopeScaling ropeScaling(JsonNode rs, String source) {
        if (rs == null || rs.isNull()) {
            return null;
        }
        String type = rs.path("rope_type").asText(rs.path("type").asText(""));
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("llama3")) {
            throw new BadInputException(source + ": rope_scaling type '" + type + "' is not supported (supported: llama3)");
        }
        return new Llama3RopeScaling(rs.path("factor").asDouble(8.0), rs.path("low_freq_factor").asDouble(1.0),
                rs.path("high_freq_factor").asDouble(4.0), rs.path("original_max_position_embeddings").asInt(8192));
    }

    private static void addIds(JsonNode node, Set<Integer> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> into.add(n.asInt()));
        } else {
            into.add(node.asInt());
        }
    }

    private static int required(JsonNode c, String field, String source) {
        if (!c.hasNonNull(field)) {
            throw new BadInputException(source + ": field '" + field + "' is missing");
        }
        JsonNode value = c.get(field);
        if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            throw new BadInputException(source + ": " + field + " must be an integer ≥ 1, not " + value);
        }
        return value.asInt();
    }

    private static Double optionalDouble(JsonNode c, String field) {
        return c.hasNonNull(field) ? c.get(field).asDouble() : null;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}

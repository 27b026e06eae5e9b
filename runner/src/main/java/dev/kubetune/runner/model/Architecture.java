package dev.kubetune.runner.model;

import dev.kubetune.runner.BadInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What sets one decoder-only architecture apart from the others, as data. The {@link Decoder} reads
 * these traits; no architecture has a class of its own.
 */
public enum Architecture {
    LLAMA("llama", false, false, false, Activation.SILU, SlidingLayers.NONE, false),
    MISTRAL("mistral", false, false, false, Activation.SILU, SlidingLayers.ALL, false),
    QWEN2("qwen2", false, false, false, Activation.SILU, SlidingLayers.IF_ENABLED, true),
    QWEN3("qwen3", false, false, true, Activation.SILU, SlidingLayers.IF_ENABLED, false),
    GEMMA2("gemma2", true, true, false, Activation.GELU_TANH, SlidingLayers.EVEN, false);

    /** The MLP's gate activation. */
    public enum Activation { SILU, GELU_TANH }

    /** Which layers attend through the sliding window (when the config gives one). */
    public enum SlidingLayers { NONE, ALL, EVEN, IF_ENABLED }

    /** config.json's model_type. */
    public final String modelType;
    /** Gemma: RMSNorm scales by (1 + w), embeddings scaled by sqrt(hidden), norms around attention and MLP outputs. */
    public final boolean gemmaStyle;
    /** Norms on the attention and MLP outputs as well as their inputs. */
    public final boolean sandwichNorms;
    /** Qwen3: RMSNorm over each query and key head before RoPE. */
    public final boolean queryKeyNorm;
    public final Activation activation;
    public final SlidingLayers slidingLayers;
    /** Whether q/k/v projections carry a bias when config.json does not say (attention_bias). */
    public final boolean attentionBiasByDefault;

    Architecture(String modelType, boolean gemmaStyle, boolean sandwichNorms, boolean queryKeyNorm,
                 Activation activation, SlidingLayers slidingLayers, boolean attentionBiasByDefault) {
        this.modelType = modelType;
        this.gemmaStyle = gemmaStyle;
        this.sandwichNorms = sandwichNorms;
        this.queryKeyNorm = queryKeyNorm;
        this.activation = activation;
        this.slidingLayers = slidingLayers;
        this.attentionBiasByDefault = attentionBiasByDefault;
    }

    /** The norm in front of the MLP: Gemma names it pre_feedforward_layernorm, the others post_attention_layernorm. */
    public String preMlpNormName() {
        return sandwichNorms ? "pre_feedforward_layernorm" : "post_attention_layernorm";
    }

    public static Architecture fromModelType(String modelType, String source) {
        String wanted = modelType == null ? "" : modelType.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.modelType.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new BadInputException(source + ": model_type '" + modelType
                        + "' is not supported (supported: llama, mistral, qwen2, qwen3, gemma2)"));
    }
}

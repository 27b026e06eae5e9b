package dev.kubetune.runner.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.quant.WeightQuantization;
import dev.kubetune.runner.tokenize.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face model folder loaded for inference: config, weights, tokenizer. Owns the NDManager
 * holding the weights; close it to free them.
 */
public final class LanguageModel implements AutoCloseable {

    private final Path folder;
    private final ComputePlacement placement;
    private final NDManager manager;
    private final Decoder decoder;
    private final TextTokenizer tokenizer;

    private LanguageModel(Path folder, ComputePlacement placement, NDManager manager, Decoder decoder,
                          TextTokenizer tokenizer) {
        this.folder = folder;
        this.placement = placement;
        this.manager = manager;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
    }

    /** On the CPU in float32. */
    public static LanguageModel load(Path folder) {
        return load(folder, ComputePlacement.CPU);
    }

    /** Weights held in the placement's dtype (norm weights in float32) on its device. */
    public static LanguageModel load(Path folder, ComputePlacement placement) {
        return load(folder, placement, null);
    }

    /** {@code computeType} on {@code device}: see {@link #load(Path, ComputePlacement, WeightQuantization)}. */
    public static LanguageModel load(Path folder, Device device, DataType computeType, WeightQuantization quantization) {
        return load(folder, new ComputePlacement(device, computeType), quantization);
    }

    /**
     * Weights held in the placement's dtype (norm weights in float32) on its device; with
     * {@code quantization} (not null) the linear weights are quantized on load and held so.
     */
    public static LanguageModel load(Path folder, ComputePlacement placement, WeightQuantization quantization) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": model folder not found");
        }
        ModelConfig config = ModelConfig.load(folder);
        WeightFiles files = WeightFiles.open(folder);
        NDManager manager = NDManager.newBaseManager(placement.device());
        try {
            DataType computeType = placement.dtype();
            DecoderWeights weights = DecoderWeights.load(config, files, manager, computeType, quantization);
            Decoder decoder = new Decoder(config, weights, new RotaryEmbedding(config, manager, computeType), computeType);
            return new LanguageModel(folder, placement, manager, decoder, TextTokenizer.load(folder));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Where and in which dtype the model computes. */
    public ComputePlacement placement() {
        return placement;
    }

    public Path folder() {
        return folder;
    }

    public ModelConfig config() {
        return decoder.config();
    }

    public Decoder decoder() {
        return decoder;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The manager holding the weights: adapters loaded for this model belong in a sub-manager of it. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }
}

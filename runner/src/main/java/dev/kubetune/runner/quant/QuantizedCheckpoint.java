package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The quantized linear weights of a published checkpoint, found from config.json's
 * {@code quantization_config} (or, for older GPTQ folders, quantize_config.json). Supported: bitsandbytes
 * 4-bit (NF4, FP4, with or without double quantization), bitsandbytes 8-bit (LLM.int8), GPTQ 4-bit
 * ("gptq" checkpoint format, with or without act-order). Any other quantization is bad input.
 */
public final class QuantizedCheckpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TensorSource tensors;
    private final QuantizedFormat format;

    private QuantizedCheckpoint(TensorSource tensors, QuantizedFormat format) {
        this.tensors = tensors;
        this.format = format;
    }

    /** The checkpoint's quantization, or empty when its config names none. */
    public static Optional<QuantizedCheckpoint> detect(TensorSource tensors) {
        return format(tensors.folder()).map(f -> new QuantizedCheckpoint(tensors, f));
    }

    /** The quantization a model folder's config names, or empty; an unsupported one is bad input. */
    public static Optional<QuantizedFormat> format(Path folder) {
        Path config = folder.resolve("config.json");
        JsonNode settings = read(config).path("quantization_config");
        if (settings.isMissingNode() || settings.isNull()) {
            Path legacy = folder.resolve("quantize_config.json");
            if (!Files.isRegularFile(legacy)) {
                return Optional.empty();
            }
            config = legacy;
            settings = read(legacy);
        }
        return Optional.of(QuantizationSettings.parse(settings, config + ": quantization_config"));
    }

    public QuantizedFormat format() {
        return format;
    }

    /** Whether {@code module}'s weight is stored quantized (a checkpoint may leave some linear modules unquantized). */
    public boolean holds(String module) {
        return format.quantizes(tensors, module);
    }

    /** The module's weight held quantized in {@code manager}, see {@link QuantizedFormat#load}. */
    public QuantizedLinear load(String module, DataType type, NDManager manager) {
        return format.load(tensors, module, type, manager);
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}

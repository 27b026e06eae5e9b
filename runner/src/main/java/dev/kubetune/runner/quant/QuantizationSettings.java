package dev.kubetune.runner.quant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubetune.runner.BadInputException;

/** Reads a {@code quantization_config} object (transformers' BitsAndBytesConfig / GPTQConfig as saved). */
final class QuantizationSettings {

    static final String SUPPORTED = "supported: bitsandbytes 4-bit (nf4, fp4) and 8-bit, gptq 4-bit";

    private QuantizationSettings() {}

    /** @param where "…/config.json: quantization_config", for messages */
    static QuantizedFormat parse(JsonNode c, String where) {
        if (!c.isObject()) {
            throw new BadInputException(where + " is not an object");
        }
        String method = c.path("quant_method").asText("");
        return switch (method) {
            case "bitsandbytes" -> bitsandbytes(c, where);
            case "gptq" -> gptq(c, where);
            default -> throw new BadInputException(where + ".quant_method '" + method + "' is not supported (" + SUPPORTED + ")");
        };
    }

    private static QuantizedFormat bitsandbytes(JsonNode c, String where) {
        boolean fourBit = c.path("load_in_4bit").asBoolean(c.path("_load_in_4bit").asBoolean(false));
        boolean eightBit = c.path("load_in_8bit").asBoolean(c.path("_load_in_8bit").asBoolean(false));
        if (fourBit) {
            String type = c.path("bnb_4bit_quant_type").asText("fp4");
            if (!type.equals("nf4") && !type.equals("fp4")) {
                throw new BadInputException(where + ".bnb_4bit_quant_type '" + type + "' is not supported (supported: nf4, fp4)");
            }
            String storage = c.path("bnb_4bit_quant_storage").asText("uint8");
            if (!storage.equals("uint8")) {
                throw new BadInputException(where + ".bnb_4bit_quant_storage '" + storage + "' is not supported (supported: uint8)");
            }
            return new Bnb4Format();
        }
        if (eightBit) {
            return new Int8Format();
        }
        throw new BadInputException(where + ": bitsandbytes with neither load_in_4bit nor load_in_8bit set");
    }

    private static QuantizedFormat gptq(JsonNode c, String where) {
        int bits = c.path("bits").asInt(0);
        if (bits != 4) {
            throw new BadInputException(where + ".bits " + bits + " is not supported (" + SUPPORTED + ")");
        }
        String format = c.path("checkpoint_format").asText("gptq");
        if (!format.equals("gptq")) {
            throw new BadInputException(where + ".checkpoint_format '" + format + "' is not supported (supported: gptq)");
        }
        return new GptqFormat(c.path("group_size").asInt(-1));
    }
}

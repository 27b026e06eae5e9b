package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;

/**
 * bitsandbytes 4-bit (NF4 or FP4, {@code load_in_4bit}), as {@code Linear4bit} saves it: per module
 * {@code weight} (U8, two 4-bit codes a byte, the first in the high nibble), {@code weight.absmax} (F32 per
 * block of {@code blocksize} elements of the row-major flattened weight; with double quantization U8 codes
 * of the dynamic map plus {@code nested_absmax} and {@code nested_quant_map}), {@code weight.quant_map}
 * (the 16 code values) and {@code weight.quant_state.bitsandbytes__nf4|fp4} (the quant state as JSON
 * bytes: blocksize, dtype, shape, nested_blocksize, nested_offset).
 * <p>
 * Held as stored ({@link Bnb4Linear}); dequantization, in float32 as bitsandbytes' {@code dequantize_4bit}:
 * {@code w[i] = quant_map[code(i)] * absmax[i / blocksize]}, where with double quantization
 * {@code absmax[b] = nested_quant_map[absmax_u8[b]] * nested_absmax[b / nested_blocksize] + nested_offset}.
 * The stored tables are used, never rebuilt: the dynamic map's last bits depend on the torch build
 * that made it.
 */
record Bnb4Format() implements QuantizedFormat {

    private static final String STATE = ".weight.quant_state.bitsandbytes__";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean quantizes(TensorSource tensors, String module) {
        return tensors.contains(module + STATE + "nf4") || tensors.contains(module + STATE + "fp4");
    }

    @Override
    public QuantizedLinear load(TensorSource t, String module, DataType type, NDManager manager) {
        String w = module + ".weight";
        String stateName = module + STATE + (t.contains(module + STATE + "nf4") ? "nf4" : "fp4");
        JsonNode state = quantState(t, stateName);
        JsonNode shape = state.path("shape");
        int blocksize = state.path("blocksize").asInt(0);
        if (shape.size() != 2 || blocksize <= 0) {
            throw new BadInputException(t.folder() + ": '" + stateName + "' needs a 2-d shape and a positive blocksize");
        }
        int rows = shape.get(0).asInt();
        int columns = shape.get(1).asInt();
        long n = (long) rows * columns;
        if (rows <= 0 || columns <= 0 || n > Integer.MAX_VALUE - 8) {
            throw new BadInputException(t.folder() + ": '" + stateName + "' has shape " + shape + ", not a weight this runner can hold");
        }
        if (n % blocksize != 0) {
            throw new BadInputException(t.folder() + ": '" + stateName + "': a " + rows + " x " + columns
                    + " weight is not a whole number of blocks of " + blocksize + " (not supported)");
        }
        int blocks = (int) (n / blocksize);
        byte[] packed = StoredTensor.bytes(t, w, "U8", (n + 1) / 2, 1);
        float[] quantMap = StoredTensor.float32(t, w + ".quant_map", 16);
        float[] absmax = state.has("nested_offset") ? nestedAbsmax(t, w, state, stateName, blocks)
                : StoredTensor.float32(t, w + ".absmax", blocks);
        return Bnb4Linear.of(rows, columns, packed, quantMap, absmax, blocksize, manager);
    }

    @Override
    public String describe() {
        return "bitsandbytes 4-bit";
    }

    /** Double quantization: the absmax of each block, itself 8-bit block-quantized around an offset. */
    private static float[] nestedAbsmax(TensorSource t, String w, JsonNode state, String stateName, int blocks) {
        int nestedBlocksize = state.path("nested_blocksize").asInt(0);
        if (nestedBlocksize <= 0 || !state.get("nested_offset").isNumber()) {
            throw new BadInputException(t.folder() + ": '" + stateName + "' needs a positive nested_blocksize and a numeric nested_offset");
        }
        byte[] codes = StoredTensor.bytes(t, w + ".absmax", "U8", blocks);
        float[] nestedMap = StoredTensor.float32(t, w + ".nested_quant_map", 256);
        float[] nestedAbsmax = StoredTensor.float32(t, w + ".nested_absmax", (blocks + nestedBlocksize - 1) / nestedBlocksize);
        float offset = (float) state.get("nested_offset").asDouble();
        float[] absmax = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            float scaled = nestedMap[codes[b] & 0xff] * nestedAbsmax[b / nestedBlocksize];
            absmax[b] = scaled + offset;
        }
        return absmax;
    }

    private static JsonNode quantState(TensorSource t, String name) {
        try {
            JsonNode state = JSON.readTree(StoredTensor.bytes(t, name, "U8", (long[]) null));
            if (state == null || !state.isObject()) {
                throw new BadInputException(t.folder() + ": '" + name + "' does not hold a JSON object");
            }
            return state;
        } catch (IOException e) {
            throw new BadInputException(t.folder() + ": '" + name + "' is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}

package dev.kubetune.runner.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubetune.runner.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The checks a safetensors header must pass before any tensor is read (the format's own rules): each
 * tensor has a known dtype, a shape of non-negative sizes and {@code data_offsets [begin, end]} with
 * {@code begin ≤ end ≤} the data section's length, its byte range holds exactly dtype size × the
 * shape's element count, and no two tensors' ranges overlap. A header that breaks one would otherwise
 * load garbage (a model whose every completion is token 0) or fail with a stack trace.
 */
public final class SafetensorsHeader {

    /** Bytes per element of each safetensors dtype. */
    static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1),
            Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("U8", 1),
            Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));

    private record Range(String name, long begin, long end) {}

    private SafetensorsHeader() {
    }

    /**
     * Checks the parsed header of {@code file}, whose data section (after the header) is {@code dataLength}
     * bytes; the first problem is bad input naming the file and tensor.
     */
    public static void check(Path file, JsonNode header, long dataLength) {
        if (header == null || !header.isObject()) {
            throw new BadInputException(file + ": not a safetensors file (the header is not a JSON object)");
        }
        List<Range> ranges = new ArrayList<>();
        for (var it = header.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                ranges.add(checkTensor(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        ranges.sort(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
        for (int i = 1; i < ranges.size(); i++) {
            Range previous = ranges.get(i - 1);
            Range next = ranges.get(i);
            if (next.begin() < previous.end()) {
                throw new BadInputException(file + ": tensors '" + previous.name() + "' and '" + next.name()
                        + "' overlap (bytes " + next.begin() + ".." + previous.end() + ")");
            }
        }
    }

    private static Range checkTensor(Path file, String name, JsonNode t, long dataLength) {
        String where = file + ": tensor '" + name + "'";
        String dtype = t.path("dtype").asText("");
        Integer size = DTYPE_BYTES.get(dtype);
        if (size == null) {
            throw new BadInputException(where + ": unknown dtype '" + dtype + "'");
        }
        long[] shape = nonNegativeLongs(t.get("shape"), -1, where + ": shape");
        long[] offsets = nonNegativeLongs(t.get("data_offsets"), 2, where + ": data_offsets");
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw new BadInputException(where + ": data_offsets [" + begin + ", " + end + "] reach past the end of the file's "
                    + dataLength + " data bytes");
        }
        long expected = size;
        for (long dim : shape) {
            expected = Math.multiplyHigh(expected, dim) != 0 ? Long.MAX_VALUE : expected * dim;
        }
        if (expected != end - begin) {
            throw new BadInputException(where + ": dtype " + dtype + " × shape " + Arrays.toString(shape) + " is " + expected
                    + " bytes, but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new Range(name, begin, end);
    }

    private static long[] nonNegativeLongs(JsonNode node, int length, String what) {
        if (node == null || !node.isArray() || length >= 0 && node.size() != length) {
            throw new BadInputException(what + ": must be a list of " + (length >= 0 ? length + " " : "") + "integers ≥ 0");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new BadInputException(what + ": must be a list of " + (length >= 0 ? length + " " : "")
                        + "integers ≥ 0, not " + node);
            }
            values[i] = v.asLong();
        }
        return values;
    }
}

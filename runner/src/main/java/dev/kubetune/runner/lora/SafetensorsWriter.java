package dev.kubetune.runner.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.torch.DtypeGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes tensors as one .safetensors file in F32 under the names given (DJL writes its own names):
 * an 8-byte little-endian header length, the JSON header padded with spaces to a multiple of 8, then
 * the tensors' bytes in name order.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    public static void write(SortedMap<String, NDArray> tensors, OutputStream out) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        long offset = 0;
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            float[] values = DtypeGuard.cast(array, DataType.FLOAT32).toFloatArray();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            data.put(e.getKey(), bytes.array());
            Map<String, Object> entry = new LinkedHashMap<>(); // fixed key order: same tensors, same bytes
            entry.put("dtype", "F32");
            entry.put("shape", array.getShape().getShape());
            entry.put("data_offsets", List.of(offset, offset + values.length * 4L));
            header.put(e.getKey(), entry);
            offset += values.length * 4L;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(length.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        for (byte[] bytes : data.values()) {
            out.write(bytes);
        }
    }
}

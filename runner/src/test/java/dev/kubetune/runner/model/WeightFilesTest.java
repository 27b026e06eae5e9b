package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsShardsListedInTheIndexEachInItsStoredDtypeOrTheOneAskedFor() throws IOException {
        // 1.5, -2.0 in bfloat16 are the high halves of their float32 bits
        writeSafetensors(dir.resolve("model-00001-of-00002.safetensors"), "a", "BF16",
                shorts(bf16(1.5f), bf16(-2.0f)));
        writeSafetensors(dir.resolve("model-00002-of-00002.safetensors"), "b", "F16",
                shorts((short) 0x3C00, (short) 0xC000)); // 1.0, -2.0
        Files.writeString(dir.resolve("model.safetensors.index.json"), """
                {"metadata": {}, "weight_map": {"a": "model-00001-of-00002.safetensors",
                                                "b": "model-00002-of-00002.safetensors"}}""");
        WeightFiles files = WeightFiles.open(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = files.read("a", manager);
            assertThat(DtypeGuard.dtype(a)).isEqualTo(DataType.BFLOAT16);
            assertThat(DtypeGuard.cast(a, DataType.FLOAT32).toFloatArray()).containsExactly(1.5f, -2.0f);
            NDArray wide = files.read("a", manager, DataType.FLOAT32);
            assertThat(wide.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(wide.toFloatArray()).containsExactly(1.5f, -2.0f);
            assertThat(DtypeGuard.dtype(files.read("b", manager, DataType.BFLOAT16))).isEqualTo(DataType.BFLOAT16);
            NDArray b = files.read("b", manager);
            assertThat(b.getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat(b.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(1.0f, -2.0f);
            assertThatThrownBy(() -> files.read("c", manager))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("'c'");
        }
    }

    private static short bf16(float value) {
        return (short) (Float.floatToIntBits(value) >>> 16);
    }

    private static byte[] shorts(short... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            buffer.putShort(v);
        }
        return buffer.array();
    }

    private static void writeSafetensors(Path file, String name, String dtype, byte[] data) throws IOException {
        String header = "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + data.length / 2
                + "],\"data_offsets\":[0," + data.length + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data);
        Files.write(file, out.array());
    }
}

package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.torch.DtypeGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One .safetensors file: the JSON header is read at open, each tensor is memory-mapped only when asked
 * for, read into native memory and handed to libtorch in its stored dtype (F32, F16, BF16) or the one the
 * caller computes in.
 */
public final class SafetensorsFile {

    /** Where one tensor lies in the file's data section. */
    public record Entry(String dtype, long[] shape, long begin, long end) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long dataStart;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public SafetensorsFile(Path file) {
        this.file = file;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(size, 0);
            long headerLength = size.getLong(0);
            if (headerLength <= 0 || headerLength > Math.min(channel.size() - 8, 100_000_000L)) {
                throw new BadInputException(file + ": not a safetensors file (bad header length)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.read(header, 8);
            dataStart = 8 + headerLength;
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            SafetensorsHeader.check(file, root, channel.size() - dataStart);
            root.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("__metadata__")) {
                    JsonNode t = f.getValue();
                    long[] shape = new long[t.get("shape").size()];
                    for (int i = 0; i < shape.length; i++) {
                        shape[i] = t.get("shape").get(i).asLong();
                    }
                    entries.put(f.getKey(), new Entry(t.get("dtype").asText(), shape,
                            t.get("data_offsets").get(0).asLong(), t.get("data_offsets").get(1).asLong()));
                }
            });
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read safetensors header (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    public Set<String> names() {
        return entries.keySet();
    }

    public Entry entry(String name) {
        return entries.get(name);
    }

    /** The tensor in its stored dtype (F32, F16 or BF16), owned by {@code manager}. */
    public NDArray read(String name, NDManager manager) {
        return read(name, manager, null);
    }

    /**
     * The tensor in dtype {@code type} (null: as stored), owned by {@code manager} and on its device. A
     * float32 or float16 tensor kept as stored on the CPU wraps the bytes read from the file; any other
     * is built from them and the bytes are freed before this returns, so loading holds at most one
     * tensor beyond the arrays it returns.
     */
    public NDArray read(String name, NDManager manager, DataType type) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new BadInputException(file + ": tensor '" + name + "' is missing");
        }
        DataType stored = storedType(name, e);
        DataType target = type == null ? stored : type;
        Shape shape = new Shape(e.shape());
        ByteBuffer bytes = readDirect(e);
        if (target == stored && stored != DataType.BFLOAT16 && !manager.getDevice().isGpu()) {
            return DtypeGuard.fromBytes(manager, bytes, shape, stored);
        }
        try {
            NDArray raw = DtypeGuard.fromBytes(manager, bytes, shape, stored);
            NDArray typed = DtypeGuard.cast(raw, target);
            if (typed != raw) {
                raw.close();
            }
            return typed;
        } finally {
            NativeMemory.free(bytes);
        }
    }

    /** The stored dtype of a tensor; one the runner cannot compute with is bad input naming it. */
    public DataType storedType(String name) {
        return storedType(name, entries.get(name));
    }

    private DataType storedType(String name, Entry e) {
        return switch (e.dtype()) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            default -> throw new BadInputException(file + ": tensor '" + name + "' has dtype " + e.dtype()
                    + " (supported: F32, BF16, F16)");
        };
    }

    /** The tensor's raw little-endian bytes, whatever its dtype (quantized layouts: U8, I8, I32). */
    public ByteBuffer bytes(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new BadInputException(file + ": tensor '" + name + "' is missing");
        }
        return readDirect(e).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The tensor's bytes read into native memory of our own, which the array then wraps without a copy.
     * Read, not mapped and copied: mapped pages count in the process's RSS until the mapping is
     * collected, which doubled the peak memory of loading a model.
     */
    private ByteBuffer readDirect(Entry e) {
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(e.end() - e.begin())).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = dataStart + e.begin();
            while (out.hasRemaining()) {
                if (channel.read(out, start + out.position()) < 0) {
                    throw new BadInputException(file + ": tensor data ends early");
                }
            }
        } catch (IOException ex) {
            throw new BadInputException(file + ": cannot read tensor data (" + ex.getMessage() + ")", ex);
        }
        return out.flip();
    }
}

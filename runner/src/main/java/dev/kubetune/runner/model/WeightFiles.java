package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.quant.TensorSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The safetensors weights of a model folder: a single model.safetensors, shards listed in
 * model.safetensors.index.json, or (adapters) any one named file. Tensor names map to their file.
 */
public final class WeightFiles implements TensorSource {

    private final Path folder;
    private final Map<String, SafetensorsFile> byName = new HashMap<>();

    private WeightFiles(Path folder) {
        this.folder = folder;
    }

    /** The model weights in {@code folder}; a folder without any is bad input naming the folder. */
    public static WeightFiles open(Path folder) {
        WeightFiles weights = new WeightFiles(folder);
        Path index = folder.resolve("model.safetensors.index.json");
        Path single = folder.resolve("model.safetensors");
        if (Files.isRegularFile(index)) {
            weights.addIndex(index);
        } else if (Files.isRegularFile(single)) {
            weights.add(new SafetensorsFile(single));
        } else {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted()
                        .forEach(p -> weights.add(new SafetensorsFile(p)));
            } catch (IOException e) {
                throw new BadInputException(folder + ": cannot list the model folder (" + e.getMessage() + ")", e);
            }
        }
        if (weights.byName.isEmpty()) {
            throw new BadInputException(folder + ": no model weights (model.safetensors or a sharded index) in the folder");
        }
        return weights;
    }

    /** The weights in one file. */
    public static WeightFiles ofFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found");
        }
        WeightFiles weights = new WeightFiles(file.getParent());
        weights.add(new SafetensorsFile(file));
        return weights;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        SafetensorsFile f = byName.get(name);
        return f == null ? null : f.entry(name).shape();
    }

    @Override
    public String dtype(String name) {
        SafetensorsFile f = byName.get(name);
        return f == null ? null : f.entry(name).dtype();
    }

    @Override
    public ByteBuffer bytes(String name) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new BadInputException(folder + ": tensor '" + name + "' is missing from the weights");
        }
        return f.bytes(name);
    }

    /** A tensor by name in its stored dtype; a missing one, or one holding NaN or infinity, is bad input naming it and the folder. */
    public NDArray read(String name, NDManager manager) {
        return read(name, manager, null);
    }

    /** A tensor by name in dtype {@code type} (null: as stored), see {@link SafetensorsFile#read(String, NDManager, DataType)}. */
    public NDArray read(String name, NDManager manager, DataType type) {
        return FiniteWeights.require(file(name).read(name, manager, type), folder, name);
    }

    /** The dtype a tensor is stored in. */
    public DataType storedType(String name) {
        return file(name).storedType(name);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new BadInputException(folder + ": tensor '" + name + "' is missing from the weights");
        }
        return f;
    }

    private void add(SafetensorsFile file) {
        file.names().forEach(n -> byName.put(n, file));
    }

    private void addIndex(Path index) {
        try {
            JsonNode map = new ObjectMapper().readTree(index.toFile()).get("weight_map");
            if (map == null) {
                throw new BadInputException(index + ": field 'weight_map' is missing");
            }
            Map<String, SafetensorsFile> shards = new HashMap<>();
            map.fields().forEachRemaining(f -> {
                Path shard = folder.resolve(f.getValue().asText());
                if (!Files.isRegularFile(shard)) {
                    throw new BadInputException(index + ": shard '" + f.getValue().asText() + "' not found");
                }
                byName.put(f.getKey(), shards.computeIfAbsent(f.getValue().asText(), s -> new SafetensorsFile(shard)));
            });
        } catch (IOException e) {
            throw new BadInputException(index + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }
}

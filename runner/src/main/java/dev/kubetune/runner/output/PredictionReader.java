package dev.kubetune.runner.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a predictions file that {@link PredictionWriter} wrote, in any of its formats (by extension). */
public final class PredictionReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<Prediction>> LIST = new TypeReference<>() {};

    private PredictionReader() {
    }

    public static List<Prediction> read(Path file) {
        String name = file.getFileName().toString();
        int line = 0;
        try {
            if (name.endsWith(".jsonl")) {
                List<Prediction> out = new ArrayList<>();
                try (BufferedReader reader = Files.newBufferedReader(file)) {
                    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                        line++;
                        if (!text.isBlank()) {
                            out.add(JSON.readValue(text, Prediction.class));
                        }
                    }
                }
                return out;
            }
            if (name.endsWith(".json")) {
                return JSON.readValue(file.toFile(), LIST);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                List<Prediction> out = YAML.readValue(file.toFile(), LIST);
                return out == null ? List.of() : out;
            }
            if (name.endsWith(".csv")) {
                return csv(file);
            }
        } catch (IOException e) {
            throw new BadInputException(file + (line > 0 ? ":" + line : "") + ": not a predictions file: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        throw new BadInputException(file + ": unknown predictions format (jsonl, json, csv, yaml)");
    }

    /** CSV cells that hold lists or objects hold their JSON text (see PredictionWriter). */
    private static List<Prediction> csv(Path file) throws IOException {
        List<Prediction> out = new ArrayList<>();
        try (var rows = new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(file.toFile())) {
            while (rows.hasNext()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<String, String> cell : rows.next().entrySet()) {
                    String v = cell.getValue();
                    if (v == null || v.isEmpty()) {
                        continue;
                    }
                    boolean structured = v.startsWith("[") || v.startsWith("{");
                    JsonNode node = structured ? JSON.readTree(v) : JSON.getNodeFactory().textNode(v);
                    fields.put(cell.getKey(), node);
                }
                out.add(JSON.convertValue(fields, Prediction.class));
            }
        }
        return out;
    }
}

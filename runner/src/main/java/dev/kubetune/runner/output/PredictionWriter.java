package dev.kubetune.runner.output;

import dev.kubetune.api.spec.OutputFormat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes predictions as JSON Lines, a JSON array, CSV or YAML, atomically. Every format has the same
 * fields; CSV has a column for each field present in any row, in {@link Prediction#FIELDS} order,
 * with lists (token ids, top logprobs) as JSON text in their cell and absent values as empty cells.
 */
public final class PredictionWriter {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final CsvMapper csv = new CsvMapper();

    public void write(Path target, OutputFormat format, List<Prediction> predictions) throws IOException {
        AtomicFileWriter.write(target, content(format, predictions));
    }

    /** The file's content, for writing it together with others ({@link AtomicFiles}). */
    public AtomicFileWriter.Content content(OutputFormat format, List<Prediction> predictions) {
        return out -> {
            switch (format) {
                case JSONL -> writeJsonLines(out, predictions);
                case JSON -> json.writerWithDefaultPrettyPrinter().writeValue(out, predictions);
                case YAML -> yaml.writeValue(out, predictions);
                case CSV -> writeCsv(out, predictions);
            }
        };
    }

    private void writeJsonLines(OutputStream out, List<Prediction> predictions) throws IOException {
        for (Prediction prediction : predictions) {
            out.write(json.writeValueAsBytes(prediction));
            out.write('\n');
        }
    }

    private void writeCsv(OutputStream out, List<Prediction> predictions) throws IOException {
        List<Map<String, Object>> rows = predictions.stream().map(p -> json.convertValue(p, FIELDS)).toList();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        Prediction.FIELDS.stream()
                .filter(field -> rows.stream().anyMatch(row -> row.containsKey(field)))
                .forEach(schema::addColumn);
        List<Map<String, Object>> cells = rows.stream().map(this::cells).toList();
        csv.writer(schema.build()).writeValue(out, cells);
    }

    /** Lists and objects become their JSON text, so a CSV cell holds them whole. */
    private Map<String, Object> cells(Map<String, Object> row) {
        Map<String, Object> cells = new LinkedHashMap<>();
        row.forEach((field, value) -> {
            try {
                cells.put(field, value instanceof List || value instanceof Map ? json.writeValueAsString(value) : value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return cells;
    }
}

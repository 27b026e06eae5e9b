package dev.kubetune.runner.data;

import dev.kubetune.api.spec.DataFormat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kubetune.runner.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a data set from a JSON Lines, JSON (array of objects) or CSV (header row) file, keeping
 * file order. Every failure is a {@link BadInputException} naming the file and line.
 */
public final class DatasetReader {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {};

    private final ObjectMapper json = new ObjectMapper();
    private final CsvMapper csv = new CsvMapper();

    /** Reads {@code file}, its format given by the extension. */
    public Dataset read(Path file, DatasetFields fields) {
        return read(file, DataFormat.ofFileName(file.getFileName().toString()).orElseThrow(() -> new BadInputException(
                file + ": cannot tell the format from the extension; name it (jsonl, json or csv)")), fields);
    }

    public Dataset read(Path file, DataFormat format, DatasetFields fields) {
        String source = file.toString();
        RowCollector rows = new RowCollector(source, fields);
        try (BufferedReader reader = Utf8Text.open(file)) {
            switch (format) {
                case JSONL -> readJsonLines(reader, source, rows);
                case JSON -> readJsonArray(reader, source, rows);
                case CSV -> readCsv(reader, source, rows);
            }
        } catch (IOException e) {
            throw Utf8Text.failure(file, e);
        }
        return rows.dataset();
    }

    private void readJsonLines(BufferedReader reader, String source, RowCollector rows) throws IOException {
        long line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> record;
            try {
                record = json.readValue(text, RECORD);
            } catch (JsonProcessingException e) {
                throw new BadInputException(source + ":" + line + ": not a JSON object: " + e.getOriginalMessage(), e);
            }
            rows.add(record, line);
        }
    }

    private void readJsonArray(Reader reader, String source, RowCollector rows) throws IOException {
        try (JsonParser parser = json.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(source + ":" + parser.currentTokenLocation().getLineNr()
                        + ": expected a JSON array of objects");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw new BadInputException(source + ":" + line + ": expected a JSON object, found " + token);
                }
                rows.add(parser.readValueAs(RECORD), line);
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ":" + e.getLocation().getLineNr() + ": bad JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private void readCsv(Reader reader, String source, RowCollector rows) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, Object>> records = csv.readerFor(RECORD).with(schema).readValues(reader)) {
            // Jackson's CSV locations do not count line breaks inside quoted cells, so count them here:
            // the header is line 1 and each record starts on the line after the previous one ends.
            long line = 2;
            while (records.hasNextValue()) {
                Map<String, Object> record = records.nextValue();
                rows.add(record, line);
                line += 1 + record.values().stream().mapToLong(DatasetReader::lineBreaks).sum();
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ":" + e.getLocation().getLineNr() + ": bad CSV: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static long lineBreaks(Object value) {
        return value == null ? 0 : value.toString().chars().filter(c -> c == '\n').count();
    }
}

package dev.kubetune.runner.data;

import dev.kubetune.runner.BadInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns raw records into {@link DataRow}s, checking fields and id uniqueness, naming file and line on failure. */
final class RowCollector {

    private final String source;
    private final DatasetFields fields;
    private final List<DataRow> rows = new ArrayList<>();
    private final Map<String, Long> lineOfId = new HashMap<>();

    RowCollector(String source, DatasetFields fields) {
        this.source = source;
        this.fields = fields;
    }

    void add(Map<String, Object> record, long line) {
        String text = required(record, fields.textField(), line);
        String id = fields.idField() == null ? String.valueOf(rows.size() + 1) : required(record, fields.idField(), line);
        String label = fields.labelField() == null ? null : required(record, fields.labelField(), line);
        Long first = lineOfId.putIfAbsent(id, line);
        if (first != null) {
            throw new BadInputException(source + ":" + line + ": duplicate id '" + id + "' (first on line " + first + ")");
        }
        rows.add(new DataRow(id, text, label, record));
    }

    Dataset dataset() {
        if (rows.isEmpty()) {
            throw new BadInputException(source + ": the data set has no rows");
        }
        return new Dataset(source, rows);
    }

    private String required(Map<String, Object> record, String field, long line) {
        Object value = record.get(field);
        if (value == null) {
            throw new BadInputException(source + ":" + line + ": no field '" + field + "'"
                    + (record.containsKey(field) ? " (it is null)" : ""));
        }
        if (value instanceof String s && s.isBlank()) {
            throw new BadInputException(source + ":" + line + ": field '" + field + "' is empty");
        }
        if (value instanceof Map || value instanceof List) {
            throw new BadInputException(source + ":" + line + ": field '" + field + "' is not a string");
        }
        return String.valueOf(value);
    }
}

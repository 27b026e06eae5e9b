package dev.kubetune.runner.data;

import java.util.Map;

/**
 * One row of a data set.
 *
 * @param id the row's identifier, unique in its data set
 * @param text the text the prompt is built from
 * @param label the gold label, or {@code null} when the data set has none
 * @param fields every field of the row by name (the prompt template sees them all), in file order
 */
public record DataRow(String id, String text, String label, Map<String, Object> fields) {

    public DataRow {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A row whose fields are just id, text and (when not null) label. */
    public static DataRow of(String id, String text, String label) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("id", id);
        fields.put("text", text);
        if (label != null) {
            fields.put("label", label);
        }
        return new DataRow(id, text, label, fields);
    }
}

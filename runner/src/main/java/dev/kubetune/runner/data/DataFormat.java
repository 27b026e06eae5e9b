package dev.kubetune.runner.data;

import dev.kubetune.runner.BadInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats a data set can be read from. */
public enum DataFormat {
    /** One JSON object per line. */
    JSONL,
    /** One JSON array of objects. */
    JSON,
    /** Comma-separated values with a header row. */
    CSV;

    /** The format named by {@code name} (case-insensitive: jsonl, json, csv). */
    public static DataFormat named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("dataset format: unknown format '" + name + "' (expected jsonl, json or csv)");
        }
    }

    /** The format given by the file's extension ({@code .jsonl}/{@code .ndjson}, {@code .json}, {@code .csv}). */
    public static DataFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new BadInputException(file + ": cannot tell the format from the extension; name it (jsonl, json or csv)");
    }
}

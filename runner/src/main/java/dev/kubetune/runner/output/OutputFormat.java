package dev.kubetune.runner.output;

import dev.kubetune.runner.BadInputException;
import java.util.Locale;

/** The formats predictions can be written in. */
public enum OutputFormat {
    JSONL("jsonl"),
    JSON("json"),
    CSV("csv"),
    YAML("yaml");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format named {@code name} (case-insensitive; {@code yml} is YAML). */
    public static OutputFormat named(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("yml")) {
            return YAML;
        }
        for (OutputFormat format : values()) {
            if (format.extension.equals(lower)) {
                return format;
            }
        }
        throw new BadInputException("output.format: unknown format '" + name + "' (expected jsonl, json, csv or yaml)");
    }
}

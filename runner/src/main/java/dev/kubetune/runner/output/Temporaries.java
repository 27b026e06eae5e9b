package dev.kubetune.runner.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files and folders that writes go through ({@link AtomicFileWriter}'s
 * {@code .NAME123.tmp}, {@link StagedFolder}'s and the adapter writer's {@code .NAME.123},
 * the report's {@code .report-123}): a killed process leaves them behind, and the next process
 * that writes to the same folder removes them.
 */
public final class Temporaries {

    /** A dot, a name, the random digits {@code Files.createTemp*} adds, and {@code .tmp} for files. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+?[.-]?\\d{6,}(\\.tmp)?");

    private Temporaries() {
    }

    /** Whether {@code name} is one of the temporary names above. */
    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /** Removes the temporaries in {@code folder} (not below it) whose name starts with {@code "." + prefix}. */
    public static void removeStale(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith("." + prefix) && isTemporary(name)) {
                    deleteTree(entry);
                }
            }
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it is not there. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

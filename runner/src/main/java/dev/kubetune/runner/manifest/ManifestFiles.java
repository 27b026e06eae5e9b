package dev.kubetune.runner.manifest;

import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads manifests the way {@code kubectl apply -f} takes them: a file, a folder of .yaml / .yml /
 * .json files (recursively with {@code -R}), or {@code -} for standard input.
 */
public final class ManifestFiles {

    private ManifestFiles() {
    }

    /** File name → text, in the order given (a folder's files sorted by path). */
    public static Map<String, String> read(List<Path> paths, boolean recursive, InputStream stdin) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path path : paths) {
            if (path.toString().equals("-")) {
                texts.put("-", readStdin(stdin));
            } else if (Files.isDirectory(path)) {
                List<Path> files = list(path, recursive);
                if (files.isEmpty()) {
                    throw new BadInputException(path + ": no .yaml, .yml or .json files in the folder");
                }
                files.forEach(f -> texts.put(f.toString(), readFile(f)));
            } else {
                texts.put(path.toString(), readFile(path));
            }
        }
        return texts;
    }

    private static List<Path> list(Path dir, boolean recursive) {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            List<Path> out = new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList());
            return out;
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static String readFile(Path file) {
        return dev.kubetune.runner.data.Utf8Text.read(file);
    }

    private static String readStdin(InputStream stdin) {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("-: cannot read standard input: " + e.getMessage(), e);
        }
    }
}

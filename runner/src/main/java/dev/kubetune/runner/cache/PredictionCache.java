package dev.kubetune.runner.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.output.AtomicFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Completions already generated, one small JSON file per key under a cache folder
 * ({@code DIR/ab/abcdef….json}, named by {@link CacheKey#digest()}), holding the key and the
 * completion. Entries are written atomically, so pods sharing the folder never read half an entry;
 * an entry whose stored key differs from the one asked for, or that cannot be read, is a miss.
 */
public final class PredictionCache {

    /** One file's content. */
    record Entry(CacheKey key, CachedCompletion completion) {
    }

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper();

    public PredictionCache(Path folder) {
        this.folder = folder;
    }

    public Optional<CachedCompletion> get(CacheKey key) {
        Path file = fileOf(key.digest());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry entry = json.readValue(file.toFile(), Entry.class);
            boolean same = entry.key() != null && key.digest().equals(entry.key().digest());
            return same ? Optional.ofNullable(entry.completion()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a damaged entry is regenerated and overwritten
        }
    }

    public void put(CacheKey key, CachedCompletion completion) {
        try {
            byte[] bytes = json.writeValueAsBytes(new Entry(key, completion));
            AtomicFileWriter.write(fileOf(key.digest()), out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cache " + folder + ": cannot write: " + e.getMessage(), e);
        }
    }

    private Path fileOf(String digest) {
        return folder.resolve(digest.substring(0, 2)).resolve(digest + ".json");
    }
}

package dev.kubetune.runner.output;

import dev.kubetune.runner.EnvironmentFault;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Several files that appear together or not at all (predictions and their metrics): each is written to a
 * temporary file beside its target, and only when every one is written are they renamed into place.
 * Closed without {@link #commit}, the temporaries go and the targets keep what they had. A failed write
 * is an {@link EnvironmentFault} naming the file that could not be written.
 */
public final class AtomicFiles implements AutoCloseable {

    private final Map<Path, Path> temporaries = new LinkedHashMap<>();

    /** Writes {@code content} for {@code target} (to its temporary). */
    public AtomicFiles add(Path target, AtomicFileWriter.Content content) {
        Path absolute = target.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            temporaries.put(absolute, temporary);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
        } catch (IOException e) {
            throw EnvironmentFault.writing(absolute, e);
        }
        return this;
    }

    /** Renames every temporary over its target. */
    public void commit() {
        for (Map.Entry<Path, Path> file : temporaries.entrySet()) {
            try {
                Files.move(file.getValue(), file.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw EnvironmentFault.writing(file.getKey(), e);
            }
        }
        temporaries.clear();
    }

    @Override
    public void close() {
        for (Path temporary : temporaries.values()) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // removed with the folder's other stale temporaries by the next writer
            }
        }
        temporaries.clear();
    }
}

package dev.kubetune.runner.output;

import dev.kubetune.runner.EnvironmentFault;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder whose content appears whole or not at all (a unit's artifacts): everything is written into a
 * temporary sibling {@code .NAME.123…}, which {@link #commit} renames over the target. Closed without a
 * commit (a failure), the temporary folder goes and the target keeps what it had. Temporaries that a
 * killed process left beside the target are removed when the next one begins.
 */
public final class StagedFolder implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Begins writing {@code target}; an I/O failure is an {@link EnvironmentFault}. */
    public static StagedFolder begin(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        try {
            Files.createDirectories(absolute.getParent());
            Temporaries.removeStale(absolute.getParent(), name + ".");
            Temporaries.removeStale(absolute, "");
            Path staging = Files.createTempDirectory(absolute.getParent(), "." + name + ".");
            if (Files.getFileStore(staging).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return new StagedFolder(absolute, staging);
        } catch (IOException e) {
            throw EnvironmentFault.writing(absolute, e);
        }
    }

    /** Where to write. */
    public Path path() {
        return staging;
    }

    /** Puts the written folder in the target's place (the previous content goes). */
    public void commit() {
        try {
            Path previous = null;
            if (Files.exists(target)) {
                previous = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
                Files.delete(previous);
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            committed = true;
            if (previous != null) {
                Temporaries.deleteTree(previous);
            }
        } catch (IOException e) {
            throw EnvironmentFault.writing(target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                Temporaries.deleteTree(staging);
            } catch (IOException e) {
                // the next writer of the target removes it
            }
        }
    }
}

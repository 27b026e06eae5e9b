package dev.kubetune.runner;

import dev.kubetune.api.contract.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A fault of the machine, not of the input: the disk is full, a read or write failed, memory ran out.
 * Running again elsewhere or later may pass, so the command exits with {@link ExitCodes#ENVIRONMENT}
 * (retryable) and its one line says which fault it was.
 */
public final class EnvironmentFault extends RuntimeException {

    /** What went wrong, in the words the message starts with. */
    public enum Kind {
        DISK_FULL("disk full", "DiskFull"),
        IO_ERROR("I/O error", "IOError"),
        OUT_OF_MEMORY("out of memory", "OutOfMemory");

        public final String words;
        /** The failure reason a unit's result carries. */
        public final String reason;

        Kind(String words, String reason) {
            this.words = words;
            this.reason = reason;
        }
    }

    private final Kind kind;

    public EnvironmentFault(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The one line a user sees: {@code disk full (retryable): FILE: cannot write: No space left on device}. */
    public String line() {
        return kind.words + " (retryable): " + getMessage();
    }

    /** A failed write of {@code file}. */
    public static EnvironmentFault writing(Path file, IOException e) {
        return new EnvironmentFault(kindOf(e), file + ": cannot write: " + firstLine(e), e);
    }

    /** The environment fault {@code error} is (an I/O failure or running out of memory, however wrapped), if it is one. */
    public static Optional<EnvironmentFault> of(Throwable error) {
        UncheckedIOException wrapper = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException unchecked && unchecked.getMessage() != null) {
                wrapper = unchecked;
            }
            if (t instanceof EnvironmentFault fault) {
                return Optional.of(fault);
            }
            if (t instanceof OutOfMemoryError || mentionsMemory(t)) {
                return Optional.of(new EnvironmentFault(Kind.OUT_OF_MEMORY, firstLine(t), error));
            }
            if (t instanceof IOException io) {
                String where = wrapper != null ? firstLine(wrapper) : firstLine(io);
                return Optional.of(new EnvironmentFault(kindOf(io), where, error));
            }
        }
        return Optional.empty();
    }

    private static Kind kindOf(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("disk quota") || m.contains("file too large")
                ? Kind.DISK_FULL : Kind.IO_ERROR;
    }

    private static boolean mentionsMemory(Throwable t) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return t.getClass().getName().startsWith("ai.djl") && (m.contains("out of memory") || m.contains("not enough memory"));
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}

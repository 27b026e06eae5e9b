package dev.kubetune.runner.cache;

import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 digests (lower-case hex) of files, folders and text. File contents are streamed, so
 * multi-gigabyte weights are never held in memory.
 */
public final class ContentDigest {

    /** What {@link #ofOptionalFolder} answers for "no folder" (no adapter). */
    public static final String NONE = "none";

    private ContentDigest() {
    }

    /**
     * The digest of every regular file under {@code folder}: for each file, in order of its path
     * relative to the folder ({@code /}-separated), that path, its length and its content. Renaming,
     * adding, removing or changing a file changes the digest; timestamps do not.
     */
    public static String ofFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": no such folder");
        }
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b))).toList();
            for (Path file : files) {
                digest.update(relative(folder, file).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(file)).array());
                update(digest, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@link #ofFolder}, or {@link #NONE} when {@code folder} is {@code null}. */
    public static String ofOptionalFolder(Path folder) {
        return folder == null ? NONE : ofFolder(folder);
    }

    /** The digest of one file's content. */
    public static String ofFile(Path file) {
        MessageDigest digest = sha256();
        try {
            update(digest, file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of {@code text}'s UTF-8 bytes. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

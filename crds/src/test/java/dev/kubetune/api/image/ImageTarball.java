package dev.kubetune.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OCI image layout tarball as Jib's buildTar writes it (oci-layout, index.json, blobs/sha256/...),
 * read in one streaming pass: the index, manifest and config as JSON, and each layer's entries.
 * Layers can be extracted (a predicate picks the files) for a smoke run of the image's file system.
 */
public final class ImageTarball {

    /** One file, directory or link in a layer; the name is absolute ("/opt/java/openjdk/bin/java"). */
    public record Entry(String name, long size, int mode, char type) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SMALL_BLOB = 1 << 20;

    private final Path tarball;
    private final JsonNode index;
    private final JsonNode manifest;
    private final JsonNode config;
    private final List<List<Entry>> layers = new ArrayList<>();

    private ImageTarball(Path tarball) throws IOException {
        this.tarball = tarball;
        Map<String, byte[]> small = new HashMap<>();
        Map<String, List<Entry>> listed = new HashMap<>();
        byte[][] indexBytes = new byte[1][];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
            readTar(in, (header, body) -> {
                if (header.name().equals("index.json")) {
                    indexBytes[0] = body.readAllBytes();
                } else if (header.name().startsWith("blobs/sha256/") && header.type() != '5') {
                    String digest = "sha256:" + header.name().substring("blobs/sha256/".length());
                    if (header.size() <= SMALL_BLOB) {
                        small.put(digest, body.readAllBytes());
                    } else {
                        listed.put(digest, listLayer(body));
                    }
                }
            });
        }
        if (indexBytes[0] == null) {
            throw new IOException(tarball + " is not an OCI image layout (no index.json)");
        }
        index = JSON.readTree(indexBytes[0]);
        manifest = JSON.readTree(blob(small, index.path("manifests").path(0).path("digest").asText()));
        config = JSON.readTree(blob(small, manifest.path("config").path("digest").asText()));
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asText();
            layers.add(listed.containsKey(digest) ? listed.get(digest)
                    : listLayer(new java.io.ByteArrayInputStream(blob(small, digest))));
        }
    }

    public static ImageTarball read(Path tarball) throws IOException {
        return new ImageTarball(tarball);
    }

    public JsonNode index() {
        return index;
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** The image configuration; its "config" holds Entrypoint, User, Env, Labels. */
    public JsonNode config() {
        return config;
    }

    public List<List<Entry>> layers() {
        return layers;
    }

    /** The entries of all layers by name (a later layer's entry wins). */
    public Map<String, Entry> files() {
        Map<String, Entry> files = new LinkedHashMap<>();
        layers.forEach(layer -> layer.forEach(e -> files.put(e.name(), e)));
        return files;
    }

    /** Env as a map. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config.path("config").path("Env")) {
            String s = e.asText();
            int eq = s.indexOf('=');
            env.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return env;
    }

    /** Writes the regular files and directories (with their modes) of every layer that {@code wanted} accepts. */
    public void extract(Path root, Predicate<String> wanted) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
            Map<String, Boolean> isLayer = new HashMap<>();
            for (JsonNode layer : manifest.path("layers")) {
                isLayer.put(layer.path("digest").asText(), true);
            }
            readTar(in, (header, body) -> {
                if (header.name().startsWith("blobs/sha256/") && isLayer.containsKey(
                        "sha256:" + header.name().substring("blobs/sha256/".length()))) {
                    readTar(new GZIPInputStream(body, 1 << 16), (file, content) -> {
                        String name = absolute(file.name());
                        if (!wanted.test(name)) {
                            return;
                        }
                        Path target = root.resolve(name.substring(1)).normalize();
                        if (!target.startsWith(root)) {
                            throw new IOException("entry outside the root: " + name);
                        }
                        if (file.type() == '5') {
                            Files.createDirectories(target);
                        } else if (file.type() == '0' || file.type() == '\0') {
                            Files.createDirectories(target.getParent());
                            try (OutputStream out = Files.newOutputStream(target)) {
                                content.transferTo(out);
                            }
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                    permissions(file.mode() | 0600)));
                        }
                    });
                }
            });
        }
    }

    private static String permissions(int mode) {
        String rwx = "rwxrwxrwx";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return s.toString();
    }

    private static byte[] blob(Map<String, byte[]> small, String digest) throws IOException {
        byte[] bytes = small.get(digest);
        if (bytes == null) {
            throw new IOException("no small blob " + digest);
        }
        return bytes;
    }

    private static List<Entry> listLayer(InputStream gzipped) throws IOException {
        List<Entry> entries = new ArrayList<>();
        readTar(new GZIPInputStream(gzipped, 1 << 16), (h, body) ->
                entries.add(new Entry(absolute(h.name()), h.size(), h.mode(), h.type())));
        return entries;
    }

    private static String absolute(String name) {
        String n = name.startsWith("./") ? name.substring(1) : name;
        n = n.startsWith("/") ? n : "/" + n;
        return n.length() > 1 && n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    // --- a minimal tar reader: ustar, PAX ('x' path/size) and GNU long names ('L') ---

    private record Header(String name, long size, int mode, char type) {
    }

    @FunctionalInterface
    private interface EntryConsumer {
        void accept(Header header, InputStream body) throws IOException;
    }

    private static void readTar(InputStream in, EntryConsumer consumer) throws IOException {
        byte[] block = new byte[512];
        String longName = null;
        Map<String, String> pax = new HashMap<>();
        while (true) {
            if (in.readNBytes(block, 0, 512) < 512 || isZero(block)) {
                return;
            }
            String name = string(block, 0, 100);
            int mode = (int) octal(block, 100, 8);
            long size = octal(block, 124, 12);
            char type = (char) block[156];
            String prefix = string(block, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            BoundedInput body = new BoundedInput(in, size);
            if (type == 'x' || type == 'g' || type == 'L') {
                byte[] data = body.readAllBytes();
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == 'x') {
                    pax = parsePax(data);
                }
            } else {
                if (pax.containsKey("path")) {
                    name = pax.get("path");
                }
                if (pax.containsKey("size")) {
                    size = Long.parseLong(pax.get("size"));
                    body = new BoundedInput(in, size);
                }
                if (longName != null) {
                    name = longName;
                }
                consumer.accept(new Header(name, size, mode, type), body);
                body.skipRest();
                longName = null;
                pax = new HashMap<>();
            }
            body.skipRest();
            long padding = (512 - (size % 512)) % 512;
            in.skipNBytes(padding);
        }
    }

    private static Map<String, String> parsePax(byte[] data) {
        Map<String, String> values = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                break;
            }
            int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.UTF_8));
            String record = new String(data, space + 1, length - (space - i) - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            values.put(record.substring(0, eq), record.substring(eq + 1));
            i += length;
        }
        return values;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] block, int offset, int length) {
        String s = string(block, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** The body of one tar entry: at most {@code size} bytes of the underlying stream, which is not closed. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        void skipRest() throws IOException {
            if (left > 0) {
                in.skipNBytes(left);
                left = 0;
            }
        }

        @Override
        public void close() {
            // the tar stream stays open
        }
    }
}

package dev.kubetune.runner.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.generate.TokenLogprob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionCacheTest {

    /** Stands in for the engine's generation settings record. */
    record Settings(int maxNewTokens, float temperature, long seed, List<String> stop) {
    }

    private static final Settings GREEDY = new Settings(8, 0f, 1, List.of("\n"));
    private static final CachedCompletion DONE = new CachedCompletion(List.of(1, 2), "cardiac", List.of(9),
            List.of(List.of(new TokenLogprob(9, "cardiac", -0.1))));

    @TempDir
    Path dir;

    @Test
    void sha256OfTextAndFile() throws IOException {
        // sha256("abc") is a published test vector
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(ContentDigest.ofText("abc")).isEqualTo(abc);
        assertThat(ContentDigest.ofFile(Files.writeString(dir.resolve("f"), "abc"))).isEqualTo(abc);
    }

    @Test
    void folderDigestFollowsContentAndNamesNotTimestamps() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model/sub"));
        Files.writeString(dir.resolve("model/config.json"), "{}");
        Files.writeString(model.resolve("w.bin"), "weights");
        String first = ContentDigest.ofFolder(dir.resolve("model"));
        Files.setLastModifiedTime(model.resolve("w.bin"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(ContentDigest.ofFolder(dir.resolve("model"))).isEqualTo(first);
        Files.writeString(model.resolve("w.bin"), "weightz");
        assertThat(ContentDigest.ofFolder(dir.resolve("model"))).isNotEqualTo(first);
        Files.writeString(model.resolve("w.bin"), "weights");
        Files.move(model.resolve("w.bin"), model.resolve("v.bin"));
        assertThat(ContentDigest.ofFolder(dir.resolve("model"))).isNotEqualTo(first);
        assertThat(ContentDigest.ofOptionalFolder(null)).isEqualTo("none");
        assertThatThrownBy(() -> ContentDigest.ofFolder(dir.resolve("absent"))).isInstanceOf(BadInputException.class);
    }

    @Test
    void hitAfterPutAndMissWhenAnythingChanges() {
        PredictionCache cache = new PredictionCache(dir.resolve("cache"));
        CacheKey key = CacheKey.of("m1", "none", "prompt", GREEDY);
        assertThat(cache.get(key)).isEmpty();
        cache.put(key, DONE);

        assertThat(new PredictionCache(dir.resolve("cache")).get(CacheKey.of("m1", "none", "prompt", GREEDY)))
                .contains(DONE);
        assertThat(cache.get(CacheKey.of("m1", "none", "prompt", new Settings(9, 0f, 1, List.of("\n"))))).isEmpty();
        assertThat(cache.get(CacheKey.of("m1", "none", "prompt", new Settings(8, 0f, 2, List.of("\n"))))).isEmpty();
        assertThat(cache.get(CacheKey.of("m2", "none", "prompt", GREEDY))).isEmpty();
        assertThat(cache.get(CacheKey.of("m1", "a1", "prompt", GREEDY))).isEmpty();
        assertThat(cache.get(CacheKey.of("m1", "none", "prompt ", GREEDY))).isEmpty();
    }

    @Test
    void settingsKeyOrderDoesNotMatter() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("x", 1, "y", 2));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", new java.util.TreeMap<>(Map.of("y", 2, "x", 1)));
        ba.put("a", 1);
        assertThat(CacheKey.of("m", "none", "p", ab).digest()).isEqualTo(CacheKey.of("m", "none", "p", ba).digest());
    }

    @Test
    void oneSmallFilePerKeyAndDamagedEntriesMiss() throws IOException {
        PredictionCache cache = new PredictionCache(dir.resolve("cache"));
        CacheKey key = CacheKey.of("m1", "none", "prompt", GREEDY);
        cache.put(key, DONE);
        cache.put(CacheKey.of("m1", "none", "other prompt", GREEDY), DONE);
        Path entry = dir.resolve("cache").resolve(key.digest().substring(0, 2)).resolve(key.digest() + ".json");
        assertThat(entry).isRegularFile();
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(2);
        }
        Files.writeString(entry, "{not json");
        assertThat(cache.get(key)).isEmpty();
        cache.put(key, DONE);
        assertThat(cache.get(key)).contains(DONE);
    }
}

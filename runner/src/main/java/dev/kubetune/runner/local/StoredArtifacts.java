package dev.kubetune.runner.local;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.runner.cache.ContentDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The artifacts a finished unit's result names (adapter folder, predictions, metrics), as digests of their
 * content: recorded with the result in the state dir, and compared before the result is reused, so a unit
 * whose artifacts were deleted or changed since runs again instead of being "reused" without them.
 */
final class StoredArtifacts {

    private StoredArtifacts() {
    }

    /** Path (relative to the output volume) → digest, for every artifact {@code result} names. */
    static Map<String, String> digests(Path outputRoot, RunnerResult result) {
        Map<String, String> digests = new TreeMap<>();
        paths(result).forEach(p -> {
            Path file = outputRoot.resolve(p);
            digests.put(p, Files.isDirectory(file) ? ContentDigest.ofFolder(file) : ContentDigest.ofFile(file));
        });
        return digests;
    }

    /** Why the recorded artifacts are not there as they were (the first one missing or changed), if they are not. */
    static Optional<String> problem(Path outputRoot, RunnerResult result, Map<String, String> recorded) {
        if (recorded == null) {
            return Optional.of("no artifact digests recorded");
        }
        for (String p : paths(result).toList()) {
            Path file = outputRoot.resolve(p);
            if (!Files.exists(file)) {
                return Optional.of(p + " is missing");
            }
            String digest = Files.isDirectory(file) ? ContentDigest.ofFolder(file) : ContentDigest.ofFile(file);
            if (!digest.equals(recorded.get(p))) {
                return Optional.of(p + " has changed");
            }
        }
        return Optional.empty();
    }

    private static Stream<String> paths(RunnerResult result) {
        return Stream.of(result.adapterPath(), result.predictionsPath(), result.metricsPath())
                .filter(p -> p != null && !p.isEmpty());
    }
}

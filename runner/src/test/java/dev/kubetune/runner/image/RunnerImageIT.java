package dev.kubetune.runner.image;

import dev.kubetune.api.image.ImageTarball;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner image that `package` builds (target/kubetune-runner-image.tar, an OCI layout): its config
 * (entrypoint, user, env, labels) and what its layers hold. Offline; skipped where the build skips images.
 */
class RunnerImageIT {

    static final String TARBALL = System.getProperty("kubetune.image.tar", "target/kubetune-runner-image.tar");
    /** true when the image is built on a registry base (-Dkubetune.image.base): no local JRE layer */
    static final boolean REGISTRY_BASE = Boolean.getBoolean("kubetune.image.base.skip");

    /** cpu, or cu124 with -Pcuda */
    static final String FLAVOR = System.getProperty("kubetune.image.pytorch.flavor", "cpu");

    static ImageTarball image;

    @BeforeAll
    static void readImage() throws IOException {
        assumeFalse(Boolean.parseBoolean(System.getProperty("kubetune.image.skip", "true")),
                "images are built only on Linux x86_64 (kubetune.image.skip)");
        Path tarball = Path.of(TARBALL);
        assertThat(tarball).exists();
        image = ImageTarball.read(tarball);
    }

    @Test
    void isAnOciImageForLinuxAmd64() {
        assertThat(image.index().path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(image.manifest().path("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(image.config().path("os").asText()).isEqualTo("linux");
        assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void runsTheKubetuneCommandAsTheNonRootUserOfThePods() {
        JsonNode config = image.config().path("config");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).startsWith("/opt/java/openjdk/bin/java")
                .containsSubsequence("-cp", "/app/classpath/*:/app/libs/*", "dev.kubetune.runner.cli.KubetuneCommand")
                .endsWith("dev.kubetune.runner.cli.KubetuneCommand")
                // tensors are off-heap: the direct-memory cap must not default to the (small) heap's maximum
                .contains("-XX:MaxDirectMemorySize=1t", "-XX:MaxRAMPercentage=25");
        // the Job passes only arguments (unit --task ... --unit ...): no Cmd to replace
        assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isNull()
                || config.path("Cmd").isEmpty()).isTrue();
    }

    @Test
    void keepsHomeAndTheDjlCacheUnderTheWritableTmp() {
        Map<String, String> env = image.env();
        assertThat(env).containsEntry("HOME", "/tmp")
                .containsEntry("DJL_CACHE_DIR", "/tmp/djl-cache")
                .containsEntry("PYTORCH_FLAVOR", FLAVOR)
                .containsEntry("JAVA_HOME", "/opt/java/openjdk");
    }

    @Test
    void carriesOpenContainersLabels() {
        JsonNode labels = image.config().path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("kubetune-runner");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
        assertThat(labels.path("org.opencontainers.image.description").asText()).contains("kubetune");
    }

    @Test
    void holdsTheRunnerJarItsLibrariesAndThePyTorchNativeLibrary() {
        Map<String, ImageTarball.Entry> files = image.files();
        assertThat(files).containsKey("/app/classpath/kubetune-runner.jar");
        assertThat(files.keySet()).contains(
                "/app/libs/picocli-" + version(files, "picocli-") + ".jar",
                "/app/libs/pytorch-native-" + FLAVOR + "-2.5.1-linux-x86_64.jar",
                "/app/libs/pytorch-jni-2.5.1-0.32.0.jar",
                "/app/libs/kubetune-crds-" + version(files, "kubetune-crds-") + ".jar");
        // one flavour of the native library only
        assertThat(files.keySet()).filteredOn(n -> n.contains("pytorch-native-"))
                .containsExactly("/app/libs/pytorch-native-" + FLAVOR + "-2.5.1-linux-x86_64.jar");
        assertThat(files.keySet())
                .noneMatch(n -> n.contains("junit") || n.contains("assertj"));
        // the native jar is large: it lives in the dependencies layer, not with the often-changing classes
        assertThat(files.get("/app/libs/pytorch-native-" + FLAVOR + "-2.5.1-linux-x86_64.jar").size())
                .isGreaterThan(100_000_000L);
    }

    @Test
    void holdsAHeadlessJreTheLoaderAndTheLibrariesLibtorchNeeds() {
        assumeFalse(REGISTRY_BASE, "a registry base brings its own JRE");
        Map<String, ImageTarball.Entry> files = image.files();
        assertThat(files.get("/opt/java/openjdk/bin/java").mode() & 0111).isEqualTo(0111);
        assertThat(files).containsKeys("/opt/java/openjdk/lib/server/libjvm.so",
                "/opt/java/openjdk/lib/security/cacerts", "/opt/java/openjdk/lib/libfontmanager.so",
                "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libgcc_s.so.1",
                "/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libfreetype.so.6",
                "/etc/passwd", "/etc/group", "/tmp");
        assertThat(files.keySet()).noneMatch(n -> n.endsWith("libawt_xawt.so"))
                .noneMatch(n -> n.startsWith("/opt/java/openjdk/jmods"))
                .noneMatch(n -> n.startsWith("/opt/java/openjdk/bin/javac"))
                .noneMatch(n -> n.startsWith("/bin/") || n.startsWith("/usr/bin/"));
        assertThat(files.keySet()).anyMatch(n -> n.startsWith("/usr/share/fonts/") && n.endsWith(".ttf"));
    }

    /** The image's own JRE runs `kubetune --version` through the image's own loader and libraries. */
    @Test
    void runsKubetuneVersionOnTheImagesFileSystem(@TempDir Path root) throws Exception {
        assumeFalse(REGISTRY_BASE, "a registry base brings its own JRE");
        assumeTrue("amd64".equals(System.getProperty("os.arch")) && "Linux".equals(System.getProperty("os.name")));
        // everything but the large native library jar, which --version does not load
        image.extract(root, name -> !name.contains("pytorch-native-"));
        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertThat(passwd).contains("nonroot:x:65532:65532:");

        List<String> command = List.of(
                root.resolve("lib64/ld-linux-x86-64.so.2").toString(),
                "--library-path", root.resolve("lib/x86_64-linux-gnu").toString(),
                root.resolve("opt/java/openjdk/bin/java").toString(),
                "-Djava.awt.headless=true",
                "-cp", root.resolve("app/classpath") + "/*:" + root.resolve("app/libs") + "/*",
                "dev.kubetune.runner.cli.KubetuneCommand", "--version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("kubetune ");
    }

    private static String version(Map<String, ImageTarball.Entry> files, String prefix) {
        return files.keySet().stream()
                .filter(n -> n.startsWith("/app/libs/" + prefix) && n.endsWith(".jar"))
                .map(n -> n.substring(("/app/libs/" + prefix).length(), n.length() - ".jar".length()))
                .findFirst().orElse("missing");
    }
}

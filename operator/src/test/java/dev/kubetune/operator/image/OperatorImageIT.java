package dev.kubetune.operator.image;

import dev.kubetune.api.image.ImageTarball;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator image that `package` builds (target/kubetune-operator-image.tar, an OCI layout): the
 * Quarkus fast-jar under /app, started with java -jar as UID 65532. Offline; skipped where images are.
 */
class OperatorImageIT {

    static final String TARBALL = System.getProperty("kubetune.image.tar", "target/kubetune-operator-image.tar");
    static final boolean REGISTRY_BASE = Boolean.getBoolean("kubetune.image.base.skip");

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
    void startsTheFastJarAsTheNonRootUser() {
        JsonNode config = image.config().path("config");
        assertThat(image.config().path("os").asText()).isEqualTo("linux");
        assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).startsWith("/opt/java/openjdk/bin/java").endsWith("-jar", "/app/quarkus-run.jar")
                .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(image.env()).containsEntry("HOME", "/tmp");
    }

    @Test
    void carriesOpenContainersLabels() {
        JsonNode labels = image.config().path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("kubetune-operator");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
    }

    @Test
    void holdsTheFastJarAndNothingOfTheThinJar() {
        Map<String, ImageTarball.Entry> files = image.files();
        assertThat(files).containsKeys("/app/quarkus-run.jar", "/app/quarkus/quarkus-application.dat");
        assertThat(files.keySet()).anyMatch(n -> n.startsWith("/app/app/kubetune-operator"))
                .anyMatch(n -> n.startsWith("/app/lib/main/") && n.contains("kubetune-crds"))
                .anyMatch(n -> n.startsWith("/app/lib/boot/"));
        // Jib's own layers (thin jar classes, its dependency copies, arg files) are filtered out
        assertThat(files.keySet()).noneMatch(n -> n.startsWith("/app/libs/") || n.startsWith("/app/classes/")
                || n.startsWith("/app/resources/") || n.startsWith("/app/jib-"));
        // no PyTorch, no fonts: those are the runner's
        assertThat(files.keySet()).noneMatch(n -> n.contains("pytorch") || n.startsWith("/usr/share/fonts"));
        // the dependencies in a layer of their own, apart from the application
        assertThat(image.layers()).anySatisfy(layer -> assertThat(layer).isNotEmpty()
                .allMatch(e -> e.name().equals("/app") || e.name().startsWith("/app/lib")));
    }

    @Test
    void holdsAJreAndTheLoader() {
        assumeFalse(REGISTRY_BASE, "a registry base brings its own JRE");
        Map<String, ImageTarball.Entry> files = image.files();
        assertThat(files.get("/opt/java/openjdk/bin/java").mode() & 0111).isEqualTo(0111);
        assertThat(files).containsKeys("/opt/java/openjdk/lib/server/libjvm.so",
                "/opt/java/openjdk/lib/security/cacerts", "/lib64/ld-linux-x86-64.so.2",
                "/lib/x86_64-linux-gnu/libc.so.6", "/etc/passwd", "/tmp");
        assertThat(files.keySet()).noneMatch(n -> n.endsWith("libfreetype.so.6"));
    }
}

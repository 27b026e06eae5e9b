package dev.kubetune.runner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/troubleshooting.md lists every message the fault tests assert, so what a user reads is explained there. */
class TroubleshootingDocTest {

    @Test
    void everyAssertedMessageIsListed() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "troubleshooting.md"));
        List<String> phrases = new ArrayList<>(FaultCatalog.RUN_PHRASES);
        FaultCatalog.INPUT.forEach(f -> phrases.add(f.phrase()));
        assertThat(phrases).hasSizeGreaterThan(40);
        assertThat(phrases).allSatisfy(phrase -> assertThat(doc).contains(phrase));
    }
}

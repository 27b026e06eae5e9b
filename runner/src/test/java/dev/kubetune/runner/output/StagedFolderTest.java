package dev.kubetune.runner.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unit's folder appears whole or not at all, and what a killed writer left is removed by the next. */
class StagedFolderTest {

    @TempDir
    Path dir;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFolderAsItWas() throws IOException {
        Path unit = Files.createDirectories(dir.resolve("fold-0"));
        Files.writeString(unit.resolve("metrics.json"), "old");

        try (StagedFolder staged = StagedFolder.begin(unit)) {
            Files.writeString(staged.path().resolve("predictions.jsonl"), "half");
            // a failure: no commit
        }

        assertThat(names(dir)).containsExactly("fold-0");
        assertThat(names(unit)).containsExactly("metrics.json");
        assertThat(Files.readString(unit.resolve("metrics.json"))).isEqualTo("old");
    }

    @Test
    void aCommitReplacesTheFolderWhole() throws IOException {
        Path unit = Files.createDirectories(dir.resolve("fold-0"));
        Files.writeString(unit.resolve("stale.txt"), "old");

        try (StagedFolder staged = StagedFolder.begin(unit)) {
            Files.writeString(staged.path().resolve("metrics.json"), "new");
            staged.commit();
        }

        assertThat(names(dir)).containsExactly("fold-0");
        assertThat(names(unit)).containsExactly("metrics.json");
    }

    @Test
    void theTemporariesOfAKilledWriterGoWhenTheNextBegins() throws IOException {
        Path unit = Files.createDirectories(dir.resolve("fold-1"));
        Files.createDirectories(dir.resolve(".fold-1.8822330011223344/adapter"));
        Files.createDirectories(unit.resolve(".adapter.5566778899001122"));
        Files.writeString(unit.resolve(".metrics.json1234567890123.tmp"), "half");
        Files.createDirectories(dir.resolve(".fold-10.8822330011223344"));
        Files.createDirectories(dir.resolve(".git"));

        try (StagedFolder staged = StagedFolder.begin(unit)) {
            assertThat(names(dir)).containsExactly(".fold-1." + staged.path().getFileName().toString().substring(".fold-1.".length()),
                    ".fold-10.8822330011223344", ".git", "fold-1");
            assertThat(names(unit)).isEmpty();
        }
    }
}

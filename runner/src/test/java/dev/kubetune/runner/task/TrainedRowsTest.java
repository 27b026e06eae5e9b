package dev.kubetune.runner.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.runner.data.DataRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedRowsTest {

    @TempDir
    Path dir;

    private static DataRow row(String id) {
        return new DataRow(id, "text", "x", Map.of());
    }

    @Test
    void countsTheRowsTheFoldBesideTheAdapterTrainedOn() throws Exception {
        Path fold = dir.resolve("ns/ft/fold-1");
        Files.createDirectories(fold.resolve("adapter"));
        TrainedRows.write(fold, List.of("a", "b", "c"));
        assertThat(TrainedRows.count(fold.resolve("adapter"), List.of(row("a"), row("c"), row("z")))).isEqualTo(2);
        assertThat(TrainedRows.count(fold.resolve("adapter"), List.of(row("z")))).isZero();
    }

    @Test
    void anAdapterWithoutTheRecordSaysNothing() throws Exception {
        Files.createDirectories(dir.resolve("plain/adapter"));
        assertThat(TrainedRows.count(dir.resolve("plain/adapter"), List.of(row("a")))).isNull();
        assertThat(TrainedRows.count(null, List.of(row("a")))).isNull();
    }
}

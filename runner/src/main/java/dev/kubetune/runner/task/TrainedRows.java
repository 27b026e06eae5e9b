package dev.kubetune.runner.task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.output.AtomicFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leakage guard's record: a fold writes the ids it trained on beside its adapter
 * ({@code fold-i/train_ids.json}); a run that applies an adapter with such a file beside it counts how
 * many of its rows the adapter trained on ({@code trained_rows} in its metrics and status).
 */
public final class TrainedRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainedRows() {
    }

    public static void write(Path unitDir, List<String> ids) {
        Path file = unitDir.resolve(ArtifactLayout.TRAIN_IDS_FILE);
        try {
            byte[] json = JSON.writeValueAsBytes(ids);
            AtomicFileWriter.write(file, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Rows among {@code rows} the adapter in {@code adapterDir} trained on; null when nothing says. */
    public static Integer count(Path adapterDir, List<DataRow> rows) {
        if (adapterDir == null || adapterDir.toAbsolutePath().getParent() == null) {
            return null;
        }
        Path file = adapterDir.toAbsolutePath().getParent().resolve(ArtifactLayout.TRAIN_IDS_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Set<String> trained = new HashSet<>(JSON.readValue(file.toFile(), new TypeReference<List<String>>() {}));
            return (int) rows.stream().filter(r -> trained.contains(r.id())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}

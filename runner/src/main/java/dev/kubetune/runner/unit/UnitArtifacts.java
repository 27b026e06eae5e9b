package dev.kubetune.runner.unit;

import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.runner.EnvironmentFault;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferenceOutcome;
import dev.kubetune.runner.output.AtomicFileWriter;
import dev.kubetune.runner.output.MetricsWriter;
import dev.kubetune.runner.output.PredictionWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a unit's files, each whole or not at all: predictions, metrics.json, result.json. */
public final class UnitArtifacts {

    private UnitArtifacts() {
    }

    /** Predictions and metrics of an inference (an empty shard writes an empty predictions file). */
    public static void writeInference(InferSettings settings, InferenceOutcome outcome) {
        try {
            Files.createDirectories(settings.output().toAbsolutePath().getParent());
            new PredictionWriter().write(settings.output(), settings.outputFormat(),
                    outcome == null ? List.of() : outcome.predictions());
            new MetricsWriter().write(settings.metrics(), outcome == null ? Map.of("rows", 0) : outcome.report());
        } catch (IOException e) {
            throw EnvironmentFault.writing(settings.output(), e);
        }
    }

    /** The full result, beside the unit's other artifacts. */
    public static void writeResult(Path unitDir, RunnerResult result) {
        try {
            Files.createDirectories(unitDir);
            AtomicFileWriter.write(unitDir.resolve(ArtifactLayout.RESULT_FILE),
                    out -> out.write(result.toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw EnvironmentFault.writing(unitDir.resolve(ArtifactLayout.RESULT_FILE), e);
        }
    }
}

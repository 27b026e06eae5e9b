package dev.kubetune.runner.kfold;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.ValidationReport;
import dev.kubetune.runner.model.Fixtures;
import java.nio.file.Path;
import java.util.Map;

/** Small FoldTrainings over the tiny Llama and the clinical notes, with the fixtures as volumes. */
public final class FoldTasks {

    private FoldTasks() {
    }

    /** A manifest; {@code dataset}, {@code folds}, {@code training} are the flow-style maps' contents. */
    public static String manifest(String dataset, String folds, String training) {
        return """
                apiVersion: kubetune.dev/v1alpha1
                kind: FoldTraining
                metadata: {name: notes, namespace: research}
                spec:
                  model: {volume: models, path: tiny-llama}
                  dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, %s}
                  prompt: {template: "Classify the note.\\n{{ text }}", system: "Answer with one word.",
                           labels: [cardiac, respiratory, neuro, digestive, skin, endocrine]}
                  folds: {%s}
                  training: {%s}
                  lora: {rank: 4, alpha: 8, targetModules: [q_proj, v_proj]}
                  evaluation: {maxNewTokens: 4, batchSize: 16}
                  volumes:
                    - {name: models, persistentVolumeClaim: {claimName: models}}
                    - {name: data, persistentVolumeClaim: {claimName: data}}
                    - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
                """.formatted(dataset, folds, training);
    }

    public static String small() {
        return manifest("limit: 48", "k: 3, seed: 7", "epochs: 1, batchSize: 8, learningRate: 0.003, maxSeqLength: 96, "
                + "valShare: 0.2, loggingSteps: 1, seed: 7");
    }

    public static FoldTraining resource(String manifest) {
        ValidationReport report = ManifestValidator.validate("test.yaml", manifest);
        if (!report.isValid()) {
            throw new IllegalArgumentException(report.problems().toString());
        }
        return (FoldTraining) report.resources().get(0);
    }

    public static RunnerTask task(FoldTraining training, Path artifacts) {
        Path fixtures = Fixtures.folder("tiny-llama").getParent();
        return new RunnerTask(FoldTraining.KIND, "research", "notes", 1, training.getSpec(), null,
                Map.of("models", fixtures.toString(), "data", fixtures.toString(), "artifacts", artifacts.toString()),
                null);
    }
}

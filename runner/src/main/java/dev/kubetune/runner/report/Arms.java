package dev.kubetune.runner.report;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.runner.kfold.OutOfFoldFile;
import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.output.PredictionReader;
import dev.kubetune.runner.stats.ScoredRow;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads each experiment's prediction rows from its output volume: a FoldTraining's folds assembled
 * into out-of-fold rows (and the out-of-fold file written), an InferenceRun's shard files in order.
 * Experiments without labelled predictions yet are skipped with a note.
 */
final class Arms {

    private Arms() {
    }

    static List<Arm> load(List<CustomResource<?, ?>> resources, Function<CustomResource<?, ?>, Path> outputRoot,
                          List<ReportRow> rows, List<String> notes) {
        List<Arm> arms = new ArrayList<>();
        for (CustomResource<?, ?> resource : resources) {
            String name = resource.getKind() + "/" + resource.getMetadata().getName();
            Path root = outputRoot.apply(resource);
            if (root == null || resource.getStatus() == null) {
                continue;
            }
            String label = rows.stream().filter(r -> r.resource().equals(name)).map(ReportRow::label).findFirst().orElse(name);
            List<Prediction> predictions = resource instanceof FoldTraining t ? outOfFold(t, root, notes)
                    : inferenceRows((InferenceRun) resource, root, notes);
            if (predictions.isEmpty() || predictions.stream().anyMatch(p -> p.label() == null)) {
                notes.add(name + ": no labelled predictions, left out of the statistics");
                continue;
            }
            ExperimentSpec spec = (ExperimentSpec) resource.getSpec();
            List<String> labels = spec.getPrompt().getLabels() == null ? List.of() : spec.getPrompt().getLabels();
            Integer trained = resource instanceof InferenceRun run ? run.getStatus().getTrainedRows() : null;
            Double fraction = resource instanceof FoldTraining t ? t.getSpec().getTraining().getTrainFraction() : null;
            arms.add(new Arm(name, resource instanceof FoldTraining ? label.replace("-fold mean)", "-fold, out-of-fold)") : label,
                    predictions.stream().map(p -> new ScoredRow(p.id(), p.label(), p.prediction(), p.probabilities())).toList(),
                    labels, trained, fraction));
        }
        return arms;
    }

    private static List<Prediction> outOfFold(FoldTraining training, Path root, List<String> notes) {
        try {
            OutOfFoldFile.Assembled assembled = OutOfFoldFile.write(training, root);
            if (!assembled.complete()) {
                notes.add("FoldTraining/" + training.getMetadata().getName() + ": not every fold succeeded; its "
                        + "out-of-fold rows are those of the folds that did");
            }
            return assembled.predictions();
        } catch (IOException e) {
            notes.add("FoldTraining/" + training.getMetadata().getName() + ": cannot write the out-of-fold file ("
                    + e.getMessage() + "); used in memory");
            return OutOfFoldFile.assemble(training, root).predictions();
        }
    }

    private static List<Prediction> inferenceRows(InferenceRun run, Path root, List<String> notes) {
        List<String> outputs = run.getStatus().getOutputs() == null ? List.of() : run.getStatus().getOutputs();
        List<Prediction> out = new ArrayList<>();
        for (String output : outputs.stream().filter(Objects::nonNull).toList()) {
            Path file = root.resolve(output);
            if (!Files.isRegularFile(file)) {
                notes.add("InferenceRun/" + run.getMetadata().getName() + ": " + file + " is missing");
                return List.of();
            }
            out.addAll(PredictionReader.read(file));
        }
        return out;
    }
}

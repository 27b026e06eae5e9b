package dev.kubetune.runner.kfold;

import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.contract.RunnerTask;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.spec.DatasetSpec;
import dev.kubetune.api.spec.EvaluationSpec;
import dev.kubetune.api.spec.PromptSpec;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DatasetFields;
import dev.kubetune.runner.data.RowSelection;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.infer.InferSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A FoldTraining task as inference settings: where the model and data set are mounted, the row
 * selection, the prompt, greedy evaluation ({@code evaluation.maxNewTokens}, {@code evaluation.batchSize})
 * and where a fold's predictions and metrics go. Evaluating a fold is then exactly {@code kubetune infer}.
 */
final class FoldInferSettings {

    private FoldInferSettings() {
    }

    static InferSettings of(RunnerTask task, Path unitDir) {
        FoldTrainingSpec spec = task.foldTraining();
        DatasetSpec data = spec.getDataset();
        PromptSpec prompt = spec.getPrompt();
        EvaluationSpec evaluation = spec.getEvaluation();
        if (data.getLabelField() == null) {
            throw new BadInputException("dataset.labelField: a FoldTraining needs labels to train on");
        }
        Path dataVolume = volume(task, data.getVolume());
        RowSelection selection = data.getIds() != null ? RowSelection.ofIds(data.getIds())
                : data.getIdFile() != null ? RowSelection.ofIdFile(dataVolume.resolve(data.getIdFile())) : RowSelection.ALL;
        var format = spec.getOutput().getFormat();
        return new InferSettings(
                volume(task, spec.getModel().getVolume()).resolve(spec.getModel().getPath()),
                null,
                dataVolume.resolve(data.getPath()),
                data.getFormat(),
                new DatasetFields(data.getIdField(), data.getTextField(), data.getLabelField()),
                selection.withLimit(data.getLimit()),
                prompt.getTemplate(), prompt.getSystem(), prompt.isChatTemplate(),
                new GenerationSettings(evaluation.getMaxNewTokens(), 0.0, 1.0, 0, List.of(), 0, evaluation.getBatchSize()),
                prompt.getLabels(), prompt.getExtract(), prompt.getExtractPattern(),
                unitDir.resolve(ArtifactLayout.PREDICTIONS_BASE + "." + format.value()), format,
                unitDir.resolve(ArtifactLayout.METRICS_FILE), null);
    }

    static Path volume(RunnerTask task, String name) {
        try {
            return Path.of(task.mountOf(name));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}

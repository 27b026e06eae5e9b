package dev.kubetune.runner.kfold;

import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.spec.EvaluationSpec;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.task.TaskInputs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A FoldTraining task as inference settings: the task's model, rows and prompt (as every unit reads
 * them, {@link TaskInputs}), greedy evaluation ({@code evaluation.maxNewTokens}, {@code evaluation.batchSize})
 * and where a fold's predictions and metrics go. Evaluating a fold is then exactly {@code kubetune infer}.
 */
final class FoldInferSettings {

    private FoldInferSettings() {
    }

    static InferSettings of(RunnerTask task, Path unitDir) {
        FoldTrainingSpec spec = task.foldTraining();
        EvaluationSpec evaluation = spec.getEvaluation();
        if (spec.getDataset().getLabelField() == null) {
            throw new BadInputException("dataset.labelField: a FoldTraining needs labels to train on");
        }
        Map<String, Object> eval = new HashMap<>();
        eval.put("max_new_tokens", evaluation.getMaxNewTokens());
        eval.put("batch_size", evaluation.getBatchSize());
        eval.put("temperature", 0.0);
        eval.put("output", unitDir.resolve(ArtifactLayout.PREDICTIONS_BASE + "." + spec.getOutput().getFormat().value()).toString());
        eval.put("metrics", unitDir.resolve(ArtifactLayout.METRICS_FILE).toString());
        return InferSettings.resolve(TaskInputs.common(task, spec).merge(InferConfig.of(eval)));
    }
}

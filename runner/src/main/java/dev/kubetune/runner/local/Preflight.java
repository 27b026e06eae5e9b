package dev.kubetune.runner.local;

import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferencePlan;
import dev.kubetune.runner.kfold.FoldRows;
import dev.kubetune.runner.lora.LoraConfig;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.model.WeightFiles;
import dev.kubetune.runner.task.TaskInputs;
import java.nio.file.Path;

/**
 * What every unit of a resource reads, checked once before the first unit starts: the model's config.json
 * and safetensors headers, the adapter's, the data set, the prompt template against its fields, the
 * labels, the extraction pattern and the split into folds. Bad input here fails the resource in seconds, with one line, and
 * no unit is launched with an input that is bound to fail them all.
 */
final class Preflight {

    private Preflight() {
    }

    /** Throws the bad input that would fail every unit of {@code task}. */
    static void check(RunnerTask task) {
        ExperimentSpec spec = task.foldTraining() != null ? task.foldTraining() : task.inferenceRun();
        InferConfig config = task.inferenceRun() != null ? TaskInputs.inferenceRun(task, task.inferenceRun())
                : TaskInputs.common(task, spec);
        InferSettings settings = InferSettings.resolve(config);
        ModelConfig.load(settings.model());
        WeightFiles.open(settings.model());
        Path adapter = settings.adapter();
        if (adapter != null) {
            LoraConfig.load(adapter);
            WeightFiles.ofFile(adapter.resolve("adapter_model.safetensors"));
        }
        InferencePlan plan = InferencePlan.prepare(settings);
        if (task.foldTraining() != null) {
            FoldRows.of(plan.rows(), task.foldTraining(), 0);
        }
    }
}

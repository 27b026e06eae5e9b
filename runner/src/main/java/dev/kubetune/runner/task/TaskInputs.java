package dev.kubetune.runner.task;

import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.spec.AdapterSpec;
import dev.kubetune.api.spec.DatasetSpec;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.spec.GenerationSpec;
import dev.kubetune.api.spec.ModelSpec;
import dev.kubetune.api.spec.PromptSpec;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.quant.WeightQuantization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A task's spec turned into local paths (each volume where the task says it is mounted) and into
 * the inference settings both kinds of unit use: an InferenceRun's shards, a FoldTraining's evaluation.
 */
public final class TaskInputs {

    private TaskInputs() {
    }

    /** {@code <mount of volume>/<path>}; bad input when the volume is not mounted. */
    public static Path resolve(RunnerTask task, String volume, String path) {
        try {
            return Path.of(task.mountOf(volume)).resolve(path);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(task.kind() + "/" + task.name() + ": " + e.getMessage());
        }
    }

    /** The root of the output volume, where artifact paths (ArtifactLayout) are relative to. */
    public static Path outputRoot(RunnerTask task, ExperimentSpec spec) {
        return resolve(task, spec.getOutput().getVolume(), ".").normalize();
    }

    /** The model a FoldTraining trains on: on the CPU in float32, quantized on load when the spec says so (QLoRA). */
    public static LanguageModel loadModel(Path folder, ModelSpec model) {
        ComputePlacement placement = ComputePlacement.choose("auto", model.getDtype(), folder);
        System.err.println("model " + folder.getFileName() + ": computing in " + placement.describe());
        return LanguageModel.load(folder, placement, WeightQuantization.of(model.getQuantization()));
    }

    /** Model, data, row selection, prompt and label extraction of any experiment. */
    public static InferConfig common(RunnerTask task, ExperimentSpec spec) {
        DatasetSpec d = spec.getDataset();
        PromptSpec p = spec.getPrompt();
        Map<String, Object> c = new HashMap<>();
        c.put("model", resolve(task, spec.getModel().getVolume(), spec.getModel().getPath()).toString());
        c.put("dtype", spec.getModel().getDtype());
        c.put("quantization", spec.getModel().getQuantization());
        c.put("data", resolve(task, d.getVolume(), d.getPath()).toString());
        c.put("data_format", d.getFormat());
        c.put("text_field", d.getTextField());
        c.put("id_field", d.getIdField());
        c.put("label_field", d.getLabelField());
        c.put("ids", d.getIds());
        c.put("id_file", d.getIdFile() == null ? null : resolve(task, d.getVolume(), d.getIdFile()).toString());
        c.put("limit", d.getLimit());
        c.put("prompt_template", p.getTemplate());
        c.put("system", p.getSystem());
        c.put("chat_template", p.isChatTemplate());
        c.put("max_input_tokens", p.getMaxInputTokens());
        c.put("truncation", p.getTruncation());
        c.put("chat_template_args", p.getChatTemplateArgs());
        c.put("chat_template_name", p.getChatTemplateName());
        c.put("system_in_user_turn", p.isSystemInUserTurn());
        c.put("labels", p.getLabels());
        c.put("extract", p.getExtract());
        c.put("extract_pattern", p.getExtractPattern());
        c.put("output_format", spec.getOutput().getFormat());
        c.put("scoring", spec.getEvaluation().getScoring());
        return InferConfig.of(c);
    }

    /** An InferenceRun's settings: common ones, its adapter and its generation settings. */
    public static InferConfig inferenceRun(RunnerTask task, InferenceRunSpec spec) {
        GenerationSpec g = spec.getGeneration();
        Map<String, Object> c = new HashMap<>();
        c.put("adapter", adapter(task, spec));
        c.put("max_new_tokens", g.getMaxNewTokens());
        c.put("temperature", g.getTemperature());
        c.put("top_p", g.getTopP());
        c.put("seed", g.getSeed());
        c.put("batch_size", g.getBatchSize());
        c.put("stop", g.getStop());
        c.put("top_logprobs", g.getTopLogprobs());
        return common(task, spec).merge(InferConfig.of(c));
    }

    private static String adapter(RunnerTask task, InferenceRunSpec spec) {
        AdapterSpec a = spec.getAdapter();
        if (a == null) {
            return null;
        }
        if (a.getFromFoldTraining() != null) {
            if (task.resolvedAdapter() == null) {
                throw new BadInputException(task.kind() + "/" + task.name()
                        + ": the task has no resolvedAdapter for adapter.fromFoldTraining " + a.getFromFoldTraining().getName());
            }
            return outputRoot(task, spec).resolve(task.resolvedAdapter()).toString();
        }
        return resolve(task, a.getVolume(), a.getPath()).toString();
    }
}

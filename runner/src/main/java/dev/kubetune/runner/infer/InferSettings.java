package dev.kubetune.runner.infer;

import dev.kubetune.api.spec.DataFormat;
import dev.kubetune.api.spec.DatasetSpec;
import dev.kubetune.api.spec.GenerationSpec;
import dev.kubetune.api.spec.LabelExtraction;
import dev.kubetune.api.spec.OutputFormat;
import dev.kubetune.api.spec.OutputSpec;
import dev.kubetune.api.spec.PromptSpec;
import dev.kubetune.api.spec.Truncation;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DatasetFields;
import dev.kubetune.runner.data.RowSelection;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.prompt.PromptBuilder;
import java.nio.file.Path;
import dev.kubetune.runner.quant.WeightQuantization;
import java.util.List;

/**
 * A checked, complete inference job: what {@link InferConfig} leaves out takes the InferenceRun
 * API's defaults (the same object, so {@code kubetune infer} and an InferenceRun agree).
 */
public record InferSettings(
        Path model,
        Path adapter,
        String device,
        dev.kubetune.api.spec.Dtype dtype,
        WeightQuantization quantization,
        Path data,
        DataFormat dataFormat,
        DatasetFields fields,
        RowSelection selection,
        String promptTemplate,
        String system,
        boolean chatTemplate,
        Integer maxInputTokens,
        Truncation truncation,
        GenerationSettings generation,
        List<String> labels,
        LabelExtraction extract,
        String extractPattern,
        Path output,
        OutputFormat outputFormat,
        Path metrics,
        Path cacheDir,
        PromptBuilder.ChatOptions chatOptions,
        String chatTemplateName,
        dev.kubetune.api.spec.Scoring scoring) {

    /** Fills in defaults and checks ranges; each problem is bad input naming the key. */
    public static InferSettings resolve(InferConfig c) {
        PromptSpec prompt = new PromptSpec();
        GenerationSpec gen = new GenerationSpec();
        DatasetSpec dataset = new DatasetSpec();
        OutputFormat format = or(c.outputFormat(), new OutputSpec().getFormat());
        require(c.model(), "model");
        require(c.data(), "data");
        if (c.ids() != null && c.idFile() != null) {
            throw new BadInputException("ids, id_file: set one of them, not both");
        }
        if (c.limit() != null && c.limit() < 1) {
            throw new BadInputException("limit: must be ≥ 1, not " + c.limit());
        }
        int maxNewTokens = atLeast(or(c.maxNewTokens(), gen.getMaxNewTokens()), 1, "max_new_tokens");
        int batchSize = atLeast(or(c.batchSize(), gen.getBatchSize()), 1, "batch_size");
        int topLogprobs = atLeast(or(c.topLogprobs(), gen.getTopLogprobs()), 0, "top_logprobs");
        if (topLogprobs > 20) {
            throw new BadInputException("top_logprobs: must be ≤ 20, not " + topLogprobs);
        }
        double temperature = or(c.temperature(), gen.getTemperature());
        if (temperature < 0) {
            throw new BadInputException("temperature: must be ≥ 0, not " + temperature);
        }
        double topP = or(c.topP(), gen.getTopP());
        if (!(topP > 0 && topP <= 1)) {
            throw new BadInputException("top_p: must be > 0 and ≤ 1, not " + topP);
        }
        if (c.maxInputTokens() != null) {
            atLeast(c.maxInputTokens(), 1, "max_input_tokens");
        }
        LabelExtraction extract = or(c.extract(), prompt.getExtract());
        if (extract == LabelExtraction.REGEX && c.extractPattern() == null) {
            throw new BadInputException("extract_pattern: required with extract: regex");
        }
        Path output = Path.of(or(c.output(), "predictions." + format.value()));
        Path parent = output.toAbsolutePath().getParent();
        RowSelection selection = c.ids() != null ? RowSelection.ofIds(c.ids())
                : c.idFile() != null ? RowSelection.ofIdFile(Path.of(c.idFile())) : RowSelection.ALL;
        return new InferSettings(Path.of(c.model()), c.adapter() == null ? null : Path.of(c.adapter()),
                or(c.device(), "auto"), or(c.dtype(), dev.kubetune.api.spec.Dtype.AUTO),
                WeightQuantization.of(c.quantization()),
                Path.of(c.data()), c.dataFormat(),
                new DatasetFields(or(c.idField(), dataset.getIdField()), or(c.textField(), dataset.getTextField()),
                        c.labelField()),
                selection.withLimit(c.limit()), or(c.promptTemplate(), prompt.getTemplate()), c.system(),
                or(c.chatTemplate(), prompt.isChatTemplate()), c.maxInputTokens(),
                or(c.truncation(), prompt.getTruncation()),
                new GenerationSettings(maxNewTokens, temperature, topP, or(c.seed(), gen.getSeed()),
                        c.stop() == null ? List.of() : c.stop(), topLogprobs, batchSize),
                c.labels(), extract, c.extractPattern(), output, format,
                c.metrics() != null ? Path.of(c.metrics()) : parent.resolve("metrics.json"),
                c.cacheDir() == null ? null : Path.of(c.cacheDir()),
                new PromptBuilder.ChatOptions(c.chatTemplateArgs(), or(c.systemInUserTurn(), prompt.isSystemInUserTurn())),
                c.chatTemplateName(),
                or(c.scoring(), dev.kubetune.api.spec.Scoring.GENERATE));
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new BadInputException(key + ": required (--" + key + " or '" + key + ":' in the config file)");
        }
    }

    private static int atLeast(int value, int min, String key) {
        if (value < min) {
            throw new BadInputException(key + ": must be ≥ " + min + ", not " + value);
        }
        return value;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

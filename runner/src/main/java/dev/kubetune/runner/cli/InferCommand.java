package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.spec.DataFormat;
import dev.kubetune.api.spec.LabelExtraction;
import dev.kubetune.api.spec.OutputFormat;
import dev.kubetune.runner.infer.InferConfig;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferenceOutcome;
import dev.kubetune.runner.infer.InferencePlan;
import dev.kubetune.runner.infer.InferenceService;
import dev.kubetune.runner.output.AtomicFiles;
import dev.kubetune.runner.output.MetricsWriter;
import dev.kubetune.runner.output.PredictionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune infer}: batch inference from a config file and/or flags (flags win). */
@Command(name = "infer", sortOptions = false,
        description = "Batch inference of a Hugging Face model folder (optionally with a PEFT LoRA adapter) over a "
                + "data set; writes predictions and metrics.json. Settings from -c FILE (snake_case keys, e.g. "
                + "max_new_tokens), overridden by flags.")
final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config file (keys as the long flags, snake_case).")
    Path config;

    @Option(names = "--dry-run", description = "Print the resolved configuration and the rows that would run, then exit.")
    boolean dryRun;

    @Option(names = "--model", paramLabel = "DIR", description = "Hugging Face model folder.") String model;
    @Option(names = "--adapter", paramLabel = "DIR", description = "PEFT LoRA adapter folder.") String adapter;
    @Option(names = "--device", paramLabel = "auto|cpu|gpu", description = "Where to compute (default auto: a GPU when there is one).") String device;
    @Option(names = "--dtype", paramLabel = "TYPE", description = "auto, bfloat16, float16 or float32 (CPU and GPU).",
            converter = ApiEnumConverter.Dtypes.class) dev.kubetune.api.spec.Dtype dtype;
    @Option(names = "--quantize", paramLabel = "8|4[:GROUP]", description = "Quantize the linear weights on load: 8 (int8 per channel) or 4 (int4, group size 64, or 4:GROUP).",
            converter = QuantizeOption.class) dev.kubetune.api.spec.QuantizationSpec quantize;
    @Option(names = "--data", paramLabel = "FILE", description = "Data set: .jsonl, .json or .csv.") String data;
    @Option(names = "--data-format", paramLabel = "FORMAT", description = "jsonl, json or csv (default: from the extension).",
            converter = ApiEnumConverter.DataFormats.class) DataFormat dataFormat;
    @Option(names = "--text-field", paramLabel = "NAME", description = "Field with the input text (default text).") String textField;
    @Option(names = "--id-field", paramLabel = "NAME", description = "Field with the row id (default id).") String idField;
    @Option(names = "--label-field", paramLabel = "NAME", description = "Field with the gold label (enables metrics).") String labelField;
    @Option(names = "--ids", paramLabel = "ID", arity = "1..*", split = ",", description = "Only these row ids.") List<String> ids;
    @Option(names = "--id-file", paramLabel = "FILE", description = "Only the ids in this file (one per line).") String idFile;
    @Option(names = "--limit", paramLabel = "N", description = "At most N rows.") Integer limit;
    @Option(names = "--prompt-template", paramLabel = "NAME|FILE|TEXT", description = "Built-in (plain, classify), a file, or inline Jinja.") String promptTemplate;
    @Option(names = "--system", paramLabel = "TEXT", description = "System message.") String system;
    @Option(names = "--chat-template", negatable = true, description = "Render through the tokenizer's chat template (default on).") Boolean chatTemplate;
    @Option(names = "--max-input-tokens", paramLabel = "N", description = "Most prompt tokens (default: the model's context less --max-new-tokens).") Integer maxInputTokens;
    @Option(names = "--truncation", paramLabel = "SIDE", description = "end, start, middle (where a long row's text is cut) or error (default end).",
            converter = ApiEnumConverter.Truncations.class) dev.kubetune.api.spec.Truncation truncation;
    @Option(names = "--chat-template-arg", paramLabel = "KEY=VALUE", description = "Chat template variable (repeatable; "
            + "the value is read as YAML: enable_thinking=false, date_string='26 Jul 2024').") java.util.Map<String, String> chatTemplateArgs;
    @Option(names = "--chat-template-name", paramLabel = "NAME", description = "A named chat template of the tokenizer (tool_use, rag).") String chatTemplateName;
    @Option(names = "--system-in-user-turn", description = "Put the system text in the first user message (for templates without a system role).") Boolean systemInUserTurn;
    @Option(names = "--max-new-tokens", paramLabel = "N") Integer maxNewTokens;
    @Option(names = "--temperature", paramLabel = "T", description = "0 is greedy.") Double temperature;
    @Option(names = "--top-p", paramLabel = "P") Double topP;
    @Option(names = "--seed", paramLabel = "N") Long seed;
    @Option(names = "--batch-size", paramLabel = "N") Integer batchSize;
    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop string (repeatable).") List<String> stop;
    @Option(names = "--top-logprobs", paramLabel = "K", description = "Return the K most likely tokens of every step.") Integer topLogprobs;
    @Option(names = "--labels", paramLabel = "A,B,C", split = ",", description = "Allowed labels (default: the data set's).") List<String> labels;
    @Option(names = "--extract", paramLabel = "METHOD", description = "first-word, regex or closest.",
            converter = ApiEnumConverter.LabelExtractions.class) LabelExtraction extract;
    @Option(names = "--extract-pattern", paramLabel = "REGEX", description = "For --extract regex: group 1 is the label.") String extractPattern;
    @Option(names = "--scoring", paramLabel = "METHOD", description = "generate (default) or likelihood: score each of "
            + "--labels after the prompt and predict the most likely, with a probability per label.",
            converter = ApiEnumConverter.Scorings.class) dev.kubetune.api.spec.Scoring scoring;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Predictions file (default predictions.<format>).") String output;
    @Option(names = "--output-format", paramLabel = "FORMAT", description = "jsonl, json, csv or yaml.",
            converter = ApiEnumConverter.OutputFormats.class) OutputFormat outputFormat;
    @Option(names = "--metrics", paramLabel = "FILE", description = "Metrics file (default metrics.json beside the output).") String metrics;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Reuse completions computed before with the same model, adapter, prompt and settings.") String cacheDir;

    @Override
    public Integer call() throws IOException {
        InferConfig fromFile = config == null ? InferConfig.EMPTY : InferConfig.read(config);
        InferConfig resolved = fromFile.merge(flags());
        InferSettings settings = InferSettings.resolve(resolved);
        InferencePlan plan = InferencePlan.prepare(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(DryRun.describe(resolved, plan));
            out.flush();
            return ExitCodes.DONE;
        }
        InferenceOutcome outcome = InferenceService.run(plan);
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(settings.output(), new PredictionWriter().content(settings.outputFormat(), outcome.predictions()))
                    .add(settings.metrics(), new MetricsWriter().content(outcome.report()))
                    .commit();
        }
        printSummary(out, outcome.scalars(), settings);
        return ExitCodes.DONE;
    }

    /** The flags as a config, by the file's key names (unset flags are left out). */
    private InferConfig flags() {
        java.util.Map<String, Object> set = new java.util.HashMap<>();
        set.put("model", model);
        set.put("adapter", adapter);
        set.put("device", device);
        set.put("dtype", dtype);
        set.put("quantization", quantize);
        set.put("data", data);
        set.put("data_format", dataFormat);
        set.put("text_field", textField);
        set.put("id_field", idField);
        set.put("label_field", labelField);
        set.put("ids", ids);
        set.put("id_file", idFile);
        set.put("limit", limit);
        set.put("prompt_template", promptTemplate);
        set.put("system", system);
        set.put("chat_template", chatTemplate);
        set.put("max_input_tokens", maxInputTokens);
        set.put("truncation", truncation);
        set.put("max_new_tokens", maxNewTokens);
        set.put("temperature", temperature);
        set.put("top_p", topP);
        set.put("seed", seed);
        set.put("batch_size", batchSize);
        set.put("stop", stop);
        set.put("top_logprobs", topLogprobs);
        set.put("labels", labels);
        set.put("extract", extract);
        set.put("extract_pattern", extractPattern);
        set.put("output", output);
        set.put("output_format", outputFormat);
        set.put("metrics", metrics);
        set.put("cache_dir", cacheDir);
        set.put("chat_template_args", yamlValues(chatTemplateArgs));
        set.put("chat_template_name", chatTemplateName);
        set.put("system_in_user_turn", systemInUserTurn);
        set.put("scoring", scoring);
        return InferConfig.of(set);
    }

    static void printSummary(PrintWriter out, Map<String, Double> m, InferSettings settings) {
        out.printf("rows %.0f · prompt tokens %.0f · generated tokens %.0f · %.1f tokens/s · latency p50 %.1f ms, p95 %.1f ms · peak memory %.0f MiB%n",
                m.get("rows"), m.get("prompt_tokens"), m.get("generated_tokens"), m.get("tokens_per_second"),
                m.get("latency_p50_ms"), m.get("latency_p95_ms"), m.get("peak_memory_bytes") / (1 << 20));
        if (m.containsKey("accuracy")) {
            out.printf("accuracy %.4f · macro-F1 %.4f%n", m.get("accuracy"), m.get("macro_f1"));
        }
        if (m.containsKey("log_loss")) {
            out.printf("log-loss %.4f · Brier %.4f · ECE %.4f · ROC-AUC %.4f%n", m.get("log_loss"), m.get("brier"),
                    m.getOrDefault("ece", Double.NaN), m.getOrDefault("roc_auc", Double.NaN));
        }
        out.printf("predictions: %s%nmetrics: %s%n", settings.output(), settings.metrics());
        out.flush();
    }

    /** {@code --chat-template-arg} values read as YAML scalars, so {@code false} is a boolean and {@code 3} a number. */
    private static java.util.Map<String, Object> yamlValues(java.util.Map<String, String> raw) {
        if (raw == null) {
            return null;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        raw.forEach((k, v) -> {
            try {
                values.put(k, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(v, Object.class));
            } catch (java.io.IOException e) {
                values.put(k, v);
            }
        });
        return values;
    }
}

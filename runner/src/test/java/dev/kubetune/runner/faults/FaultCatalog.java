package dev.kubetune.runner.faults;

import static dev.kubetune.api.contract.ExitCodes.BAD_INPUT;
import static dev.kubetune.api.contract.ExitCodes.ENVIRONMENT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;

/**
 * The bad inputs and faults the suite inflicts, and the messages they must produce. Every phrase here
 * (and in {@link #RUN_PHRASES}, asserted by the run tests) is listed in docs/troubleshooting.md.
 */
final class FaultCatalog {

    private static final String MODEL = "model/model.safetensors";
    private static final String ADAPTER = "adapter/adapter_model.safetensors";
    private static final String LM_HEAD = "lm_head.weight";
    private static final String A_FACTOR = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";

    private FaultCatalog() {
    }

    private static Function<Scene, Scene.Outcome> infer(String... extra) {
        return s -> s.infer(extra);
    }

    private static final Function<Scene, Scene.Outcome> INFER = infer();
    private static final Function<Scene, Scene.Outcome> INFER_WITH_ADAPTER = infer("--adapter", "{dir}/adapter");
    private static final Function<Scene, Scene.Outcome> VALIDATE = s -> s.kubetune("validate", "-f", "{dir}/ft.yaml");

    private static Fault manifest(String name, String from, String to, String phrase, String names) {
        return new Fault(name, s -> s.replaceIn("ft.yaml", from, to), VALIDATE, BAD_INPUT, phrase, names);
    }

    private static Fault model(String name, Fault.Damage damage, String phrase, String names) {
        return new Fault(name, damage, INFER, BAD_INPUT, phrase, names);
    }

    private static ObjectNode tensor(ObjectNode header, String name) {
        return (ObjectNode) header.get(name);
    }

    private static void offsets(ObjectNode header, String name, long begin, long end) {
        ArrayNode offsets = tensor(header, name).putArray("data_offsets");
        offsets.add(begin).add(end);
    }

    /** Faults of validate and infer: each fails before any output, with exit 65 (or 74 for the machine's). */
    static final List<Fault> INPUT = List.of(
            // the manifest
            manifest("duplicate YAML key", "  folds: {k: 2, seed: 7, stratify: false}",
                    "  folds: {k: 2, seed: 7, stratify: false}\n  folds: {k: 50}", "Duplicate field 'folds'", "ft.yaml:9"),
            manifest("learningRate 1e999", "learningRate: 0.001", "learningRate: 1e999", "must be a finite number",
                    "spec.training.learningRate"),
            manifest("learningRate .nan", "learningRate: 0.001", "learningRate: .nan", "not valid YAML", "ft.yaml:9"),
            manifest("unknown top-level field", "kind: FoldTraining", "kind: FoldTraining\nspecs: {}", "unknown field", "specs"),
            manifest("unknown metadata field", "namespace: lab}", "namespace: lab, labelz: {a: b}}", "unknown field",
                    "metadata.labelz"),
            manifest("unknown spec field", "learningRate: 0.001", "learningRat: 0.001", "unknown field",
                    "spec.training.learningRat"),
            manifest("bad extraction regex", "{{ text }}\"}", "{{ text }}\", extract: regex, extractPattern: \"(\"}",
                    "not a regular expression", "spec.prompt.extractPattern"),
            manifest("rank not a number", "evaluation:", "lora: {rank: eight}\n  evaluation:", "must be an integer",
                    "spec.lora.rank"),
            manifest("not YAML", "model: {volume: models, path: model}", "model: {volume: models, path: model", "not valid YAML",
                    "ft.yaml"),
            new Fault("manifest not UTF-8", s -> s.appendLine("ft.yaml", "# caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                    VALIDATE, BAD_INPUT, "not UTF-8 text", "ft.yaml:15 (byte 0xE9)"),
            // the prompt, the labels, the extraction
            new Fault("template variable typo", s -> { }, infer("--prompt-template", "Note: {{ txt }}"), BAD_INPUT,
                    "unknown variable 'txt'", "prompt template"),
            new Fault("template tag never closed", s -> { }, infer("--prompt-template", "Note: {{ text "), BAD_INPUT,
                    "is never closed", "prompt template: line 1"),
            new Fault("gold label not allowed", s -> { }, infer("--labels", "skin,neuro"), BAD_INPUT,
                    "is not one of the allowed labels", "data.jsonl"),
            new Fault("extraction regex", s -> { }, infer("--extract", "regex", "--extract-pattern", "(a"), BAD_INPUT,
                    "not a regular expression", "--extract-pattern"),
            // the data set
            new Fault("data not UTF-8", s -> s.appendLine("data.jsonl",
                    "{\"id\": \"x\", \"text\": \"caf\u00e9\", \"label\": \"skin\"}".getBytes(StandardCharsets.ISO_8859_1)),
                    INFER, BAD_INPUT, "not UTF-8 text", "data.jsonl:7 (byte 0xE9)"),
            new Fault("binary data file", s -> Files.write(s.path("data.jsonl"), new byte[] {0x7f, 0x45, 0x4c, 0x46, 2, 1, (byte) 0xff}),
                    INFER, BAD_INPUT, "not UTF-8 text", "data.jsonl:1"),
            new Fault("empty text", s -> s.appendLine("data.jsonl", "{\"id\": \"x\", \"text\": \"\", \"label\": \"skin\"}"
                    .getBytes(StandardCharsets.UTF_8)), INFER, BAD_INPUT, "field 'text' is empty", "data.jsonl:7"),
            new Fault("no text field", s -> s.appendLine("data.jsonl", "{\"id\": \"x\", \"label\": \"skin\"}"
                    .getBytes(StandardCharsets.UTF_8)), INFER, BAD_INPUT, "no field 'text'", "data.jsonl:7"),
            new Fault("duplicate id", s -> s.appendLine("data.jsonl", Files.readAllLines(s.path("data.jsonl")).get(0)
                    .getBytes(StandardCharsets.UTF_8)), INFER, BAD_INPUT, "duplicate id", "data.jsonl:7"),
            new Fault("no data file", s -> Files.delete(s.path("data.jsonl")), INFER, BAD_INPUT, "no such file", "data.jsonl"),
            new Fault("prompt longer than the model", s -> s.appendLine("data.jsonl", ("{\"id\": \"long\", \"text\": \""
                    + "word ".repeat(400) + "\", \"label\": \"skin\"}").getBytes(StandardCharsets.UTF_8)), infer("--truncation", "error"),
                    BAD_INPUT, "over the limit of", "row 'long'"),
            // the model folder: config.json
            model("no attention heads", s -> s.replaceIn("model/config.json", "\"num_attention_heads\": 4",
                    "\"num_attention_heads\": 0"), "num_attention_heads must be an integer ≥ 1", "config.json"),
            model("key-value heads not a divisor", s -> s.replaceIn("model/config.json", "\"num_key_value_heads\": 2",
                    "\"num_key_value_heads\": 3"), "must be a positive divisor of num_attention_heads", "config.json"),
            model("eos id outside the vocabulary", s -> s.replaceIn("model/config.json", "\"eos_token_id\": 378",
                    "\"eos_token_id\": 4000"), "is outside the vocabulary", "config.json"),
            model("config.json not JSON", s -> s.replaceIn("model/config.json", "\"llama\",", "\"llama\""), "not valid JSON",
                    "config.json"),
            // the model folder: safetensors headers and weights
            model("dtype disagrees with the byte range", s -> s.editHeader(MODEL, h -> {
                tensor(h, LM_HEAD).put("dtype", "F16");
                return h;
            }), "but data_offsets", "model.safetensors: tensor 'lm_head.weight': dtype F16"),
            model("shape disagrees with the byte range", s -> s.editHeader(MODEL, h -> {
                tensor(h, LM_HEAD).putArray("shape").add(379).add(32);
                return h;
            }), "but data_offsets", "shape [379, 32]"),
            model("offsets end before they begin", s -> s.editHeader(MODEL, h -> {
                offsets(h, LM_HEAD, 97024, 0);
                return h;
            }), "end before they begin", "lm_head.weight"),
            model("offsets past the end of the file", s -> s.editHeader(MODEL, h -> {
                offsets(h, LM_HEAD, 10_000_000, 10_097_024);
                return h;
            }), "reach past the end", "lm_head.weight"),
            model("tensors overlap", s -> s.editHeader(MODEL, h -> {
                offsets(h, "model.embed_tokens.weight", 0, 97024);
                offsets(h, LM_HEAD, 0, 97024);
                return h;
            }), "overlap", "model.safetensors"),
            model("unknown dtype", s -> s.editHeader(MODEL, h -> {
                tensor(h, LM_HEAD).put("dtype", "F12");
                return h;
            }), "unknown dtype 'F12'", "lm_head.weight"),
            model("NaN in a weight", s -> s.poison(MODEL, "model.norm.weight", Float.NaN), "holds NaN", "'model.norm.weight'"),
            model("infinity in a weight", s -> s.poison(MODEL, LM_HEAD, Float.NEGATIVE_INFINITY), "holds an infinity",
                    "'lm_head.weight'"),
            // the adapter
            new Fault("adapter dtype disagrees with the byte range", s -> s.editHeader(ADAPTER, h -> {
                tensor(h, A_FACTOR).put("dtype", "F16");
                return h;
            }), INFER_WITH_ADAPTER, BAD_INPUT, "but data_offsets", "adapter_model.safetensors"),
            new Fault("NaN in an adapter weight", s -> s.poison(ADAPTER, A_FACTOR, Float.NaN), INFER_WITH_ADAPTER, BAD_INPUT,
                    "holds NaN", "adapter"),
            new Fault("lora_alpha not a number", s -> s.replaceIn("adapter/adapter_config.json", "\"lora_alpha\": 8",
                    "\"lora_alpha\": \"sixteen\""), INFER_WITH_ADAPTER, BAD_INPUT, "'lora_alpha' must be a number",
                    "adapter_config.json"),
            // the machine: the metrics file cannot be written, so neither is the predictions file
            new Fault("metrics not writable", s -> Files.writeString(s.path("blocker"), "a file, not a folder"),
                    infer("--metrics", "{dir}/blocker/metrics.json"), ENVIRONMENT, "I/O error (retryable)",
                    "blocker/metrics.json: cannot write"));

    /** Messages the other fault tests (LocalRunFaultsTest, InterruptedRunTest, DiskFullTest, EnvironmentFaultTest) assert. */
    static final List<String> RUN_PHRASES = List.of(
            "is a file, not a folder",
            "bad input, no unit started",
            "not started: fold-0 failed with bad input",
            "in use by another kubetune run",
            "not reusing the stored result",
            "stopped by a signal before it finished",
            "disk full (retryable)",
            "out of memory (retryable)");
}

package dev.kubetune.runner.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.spec.DataFormat;
import dev.kubetune.api.spec.LabelExtraction;
import dev.kubetune.api.spec.OutputFormat;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A batch-inference job as {@code kubetune infer} takes it: from a YAML file (snake_case keys, like
 * LLaMA-Factory's), from flags, or from an InferenceRun's spec. Every field may be absent; {@link #merge}
 * lets flags override the file, {@link InferSettings#resolve} fills in defaults and checks the result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InferConfig(
        String model,
        String adapter,
        String device,
        dev.kubetune.api.spec.Dtype dtype,
        dev.kubetune.api.spec.QuantizationSpec quantization,
        String data,
        DataFormat dataFormat,
        String textField,
        String idField,
        String labelField,
        List<String> ids,
        String idFile,
        Integer limit,
        String promptTemplate,
        String system,
        Boolean chatTemplate,
        Integer maxInputTokens,
        dev.kubetune.api.spec.Truncation truncation,
        Integer maxNewTokens,
        Double temperature,
        Double topP,
        Long seed,
        Integer batchSize,
        List<String> stop,
        Integer topLogprobs,
        List<String> labels,
        LabelExtraction extract,
        String extractPattern,
        String output,
        OutputFormat outputFormat,
        String metrics,
        String cacheDir,
        java.util.Map<String, Object> chatTemplateArgs,
        String chatTemplateName,
        Boolean systemInUserTurn,
        dev.kubetune.api.spec.Scoring scoring) {

    static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Nothing set. */
    public static final InferConfig EMPTY = of(java.util.Map.of());

    /** A config from keys as the file has them (snake_case); null values are left unset. */
    public static InferConfig of(java.util.Map<String, ?> values) {
        java.util.Map<String, Object> set = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                set.put(k, v);
            }
        });
        return YAML.convertValue(set, InferConfig.class);
    }

    /** Reads a config file; unknown keys and wrong types are bad input naming the key. */
    public static InferConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try {
            InferConfig config = YAML.readValue(file.toFile(), InferConfig.class);
            return config == null ? EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(file + ":" + lineOfKey(file, e.getPropertyName()) + ": unknown key '" + e.getPropertyName()
                    + "' (known: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? ":" + j.getLocation().getLineNr() : "";
            throw new BadInputException(file + where + ": " + firstLine(e));
        }
    }

    /** This config with every field that {@code override} sets replaced by the override's value. */
    public InferConfig merge(InferConfig override) {
        ObjectNode base = YAML.valueToTree(this);
        JsonNode top = YAML.valueToTree(override);
        top.fields().forEachRemaining(f -> base.set(f.getKey(), f.getValue()));
        return YAML.convertValue(base, InferConfig.class);
    }

    /** As YAML, for --dry-run. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line of a top-level key (records are read through a buffer, which loses Jackson's own location). */
    private static int lineOfKey(Path file, String key) {
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(file.toFile())) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()
                        && key.equals(p.currentName())) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException ignored) {
            // the caller reports the key without a line
        }
        return 0;
    }

    private static String firstLine(IOException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}

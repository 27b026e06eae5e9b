package dev.kubetune.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** {@code task.yaml}: a RunnerTask as YAML, and back (pure text conversion). */
public final class TaskYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TaskYaml() {
    }

    public static String write(RunnerTask task) {
        try {
            return YAML.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the task of " + task.kind() + "/" + task.name(), e);
        }
    }

    /** Reads task.yaml; IllegalArgumentException when it is not a RunnerTask. */
    public static RunnerTask read(String yaml) {
        try {
            return YAML.readValue(yaml, RunnerTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a runner task: " + e.getOriginalMessage(), e);
        }
    }
}

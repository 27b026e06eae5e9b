package dev.kubetune.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.spec.ExperimentSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 (hex) of the spec parts a unit's result depends on, as canonical JSON (keys sorted).
 * Scheduling, resources, the runner image, suspend and backoffLimit are left out: changing them does
 * not make a finished fold's adapter or metrics stale.
 */
public final class InputsHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private InputsHash() {
    }

    /** The hash of fold {@code unit} of a FoldTraining. */
    public static String of(FoldTrainingSpec spec, String unit) {
        Map<String, Object> parts = shared(spec, "FoldTraining", unit);
        parts.put("folds", spec.getFolds());
        parts.put("training", spec.getTraining());
        parts.put("lora", spec.getLora());
        return hash(parts);
    }

    /** The hash of an InferenceRun's shards, given the adapter folder resolved for it (or null). */
    public static String of(InferenceRunSpec spec, String unit, String resolvedAdapter) {
        Map<String, Object> parts = shared(spec, "InferenceRun", unit);
        parts.put("adapter", spec.getAdapter());
        parts.put("generation", spec.getGeneration());
        parts.put("shards", spec.getShards());
        parts.put("resolvedAdapter", resolvedAdapter);
        return hash(parts);
    }

    private static Map<String, Object> shared(ExperimentSpec spec, String kind, String unit) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("kind", kind);
        parts.put("unit", unit);
        parts.put("model", spec.getModel());
        parts.put("dataset", spec.getDataset());
        parts.put("prompt", spec.getPrompt());
        parts.put("evaluation", spec.getEvaluation());
        parts.put("output", spec.getOutput());
        parts.put("volumes", spec.getVolumes());
        return parts;
    }

    private static String hash(Map<String, Object> parts) {
        try {
            String json = CANONICAL.writeValueAsString(parts);
            return KubeNames.sha256Hex(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the spec for its inputs hash", e);
        }
    }
}

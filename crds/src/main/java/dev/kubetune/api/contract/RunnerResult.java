package dev.kubetune.api.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a unit reports back, compactly enough for a container termination message (at most
 * {@link #MAX_BYTES} bytes of JSON, written to {@code /dev/termination-log}). The full metrics stay
 * in the unit's {@code metrics.json}; paths are relative to the output volume.
 *
 * @param unit            the unit name (fold-3, shard-0)
 * @param succeeded       whether the unit finished its work
 * @param reason          CamelCase reason when it did not (BadInput, ...)
 * @param message         one line for humans
 * @param metrics         scalar metrics (accuracy, macro_f1, rows, tokens_per_second, ...)
 * @param adapterPath     the trained adapter folder (folds)
 * @param adapterBytes    its size in bytes
 * @param predictionsPath the predictions file
 * @param metricsPath     the full metrics file
 * @param rows            rows predicted (test rows for a fold)
 * @param trainRows       rows trained on (folds)
 * @param validationRows  rows held out for validation (folds)
 * @param durationSeconds wall time of the unit
 * @param truncatedRows   rows whose text was cut to fit prompt.maxInputTokens (training and predicted rows)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunnerResult(
        String unit,
        boolean succeeded,
        String reason,
        String message,
        Map<String, Double> metrics,
        String adapterPath,
        Long adapterBytes,
        String predictionsPath,
        String metricsPath,
        Integer rows,
        Integer trainRows,
        Integer validationRows,
        Double durationSeconds,
        Integer truncatedRows) {

    /** Where a unit writes its result in a pod: the container's termination-message file (Kubernetes' default path). */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** Kubernetes keeps at most this many bytes of a termination message. */
    public static final int MAX_BYTES = 4096;
    private static final int MAX_MESSAGE_CHARS = 512;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** This result as JSON, shortened when needed so that it fits in {@link #MAX_BYTES} bytes. */
    public String toBoundedJson() {
        RunnerResult r = withMessage(truncate(message, MAX_MESSAGE_CHARS));
        String json = r.toJson();
        // Too many metrics: keep them in the order given (main metrics first) while they fit.
        while (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && r.metrics != null && !r.metrics.isEmpty()) {
            Map<String, Double> fewer = new LinkedHashMap<>();
            r.metrics.entrySet().stream().limit(r.metrics.size() - 1L).forEach(e -> fewer.put(e.getKey(), e.getValue()));
            r = r.withMetrics(fewer);
            json = r.toJson();
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalStateException("a RunnerResult without metrics is still over " + MAX_BYTES + " bytes");
        }
        return json;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunnerResult fromJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, RunnerResult.class);
    }

    public RunnerResult withMessage(String newMessage) {
        return new RunnerResult(unit, succeeded, reason, newMessage, metrics, adapterPath, adapterBytes,
                predictionsPath, metricsPath, rows, trainRows, validationRows, durationSeconds, truncatedRows);
    }

    public RunnerResult withMetrics(Map<String, Double> newMetrics) {
        return new RunnerResult(unit, succeeded, reason, message, newMetrics, adapterPath, adapterBytes,
                predictionsPath, metricsPath, rows, trainRows, validationRows, durationSeconds, truncatedRows);
    }

    /** A failed unit's result: a reason and one line. */
    public static RunnerResult failure(String unit, String reason, String message) {
        return new RunnerResult(unit, false, reason, message, null, null, null, null, null, null, null, null, null, null);
    }

    private static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}

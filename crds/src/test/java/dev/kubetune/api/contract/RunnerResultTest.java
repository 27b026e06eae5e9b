package dev.kubetune.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerResultTest {

    /** The largest result a fold realistically reports: long names everywhere, every metric, a long message. */
    static RunnerResult largestRealistic() {
        String namespace = "n".repeat(63);
        String name = "r".repeat(253);
        WorkUnit unit = WorkUnit.fold(99);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String m : new String[] {"accuracy", "macro_f1", "weighted_f1", "rows", "train_tokens", "train_seconds",
                "tokens_per_second", "latency_p50_ms", "latency_p95_ms", "peak_memory_bytes", "validation_loss",
                "train_loss", "truncated_rows", "prompt_tokens", "generated_tokens"}) {
            metrics.put(m, -1.2345678901234567e-300);
        }
        return new RunnerResult(unit.name(), true, null, "x".repeat(10_000), metrics,
                ArtifactLayout.adapterDir(namespace, name, unit), 1L << 40,
                ArtifactLayout.predictionsFile(namespace, name, unit, dev.kubetune.api.spec.OutputFormat.JSONL),
                ArtifactLayout.metricsFile(namespace, name, unit), Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, 1.0e9, Integer.MAX_VALUE);
    }

    @Test
    void largestRealisticResultFitsATerminationMessageWhole() throws Exception {
        RunnerResult result = largestRealistic();

        String json = result.toBoundedJson();

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RunnerResult.MAX_BYTES);
        RunnerResult back = RunnerResult.fromJson(json);
        assertThat(back.metrics()).isEqualTo(result.metrics());
        assertThat(back.adapterPath()).isEqualTo(result.adapterPath());
        assertThat(back.message()).hasSize(512).endsWith("…");
    }

    @Test
    void tooManyMetricsAreDroppedFromTheEndUntilItFits() throws Exception {
        Map<String, Double> many = new LinkedHashMap<>();
        many.put("accuracy", 0.9);
        for (int i = 0; i < 500; i++) {
            many.put("f1_class_with_a_long_name_" + i, 0.5);
        }
        RunnerResult result = largestRealistic().withMetrics(many);

        String json = result.toBoundedJson();

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RunnerResult.MAX_BYTES);
        assertThat(RunnerResult.fromJson(json).metrics()).containsEntry("accuracy", 0.9).hasSizeLessThan(500);
    }

    @Test
    void failureRoundTrips() throws Exception {
        RunnerResult failure = RunnerResult.failure("shard-2", "BadInput", "notes.jsonl:17: not valid JSON");

        RunnerResult back = RunnerResult.fromJson(failure.toBoundedJson());

        assertThat(back).isEqualTo(failure);
        assertThat(failure.toJson()).doesNotContain("null");
    }

    @Test
    void exitCodesSayWhatIsRetryable() {
        assertThat(ExitCodes.isRetryable(ExitCodes.BAD_INPUT)).isFalse();
        assertThat(ExitCodes.isRetryable(ExitCodes.DONE)).isFalse();
        assertThat(ExitCodes.isRetryable(1)).isTrue();
        assertThat(ExitCodes.isRetryable(137)).isTrue();
    }

    @Test
    void artifactPathsFollowTheLayout() {
        assertThat(ArtifactLayout.adapterDir("research", "notes", WorkUnit.fold(3))).isEqualTo("research/notes/fold-3/adapter");
        assertThat(ArtifactLayout.predictionsFile("research", "run", WorkUnit.shard(1), dev.kubetune.api.spec.OutputFormat.CSV))
                .isEqualTo("research/run/shard-1/predictions.csv");
    }
}

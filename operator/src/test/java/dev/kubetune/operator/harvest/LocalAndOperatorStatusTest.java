package dev.kubetune.operator.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.UnitOutcome;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitResults;
import dev.kubetune.api.status.UnitStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same unit outcomes give the same status entry whether the local executor ran the unit (the calls
 * {@code LocalExecutor} makes: {@link UnitResults#started} per attempt, {@link UnitResults#afterAttempt}
 * after it) or the operator harvested it from a Job and its pods, made here as the Job controller makes
 * them (one pod per attempt; Complete on exit 0; Failed with PodFailurePolicy on exit 65, with
 * BackoffLimitExceeded once more than {@code backoffLimit} attempts failed).
 */
class LocalAndOperatorStatusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JOB = "notes-fold-0";

    /** One ended attempt: exit code and termination message (a RunnerResult's JSON, or raw text, or none). */
    record Exit(int code, RunnerResult result, String raw) {
        String message() {
            return result != null ? result.toBoundedJson() : raw;
        }
    }

    /** A table row: what the unit's attempts did, its backoffLimit, and what its status entry must then say. */
    record Row(String name, boolean shard, int backoffLimit, List<Exit> exits, UnitPhase phase, String reason,
               String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> rows() {
        RunnerResult fold = new RunnerResult("fold-0", true, null, "trained", Map.of("accuracy", 0.9, "macro_f1", 0.8),
                "ns/notes/fold-0/adapter", 4096L, "ns/notes/fold-0/predictions.jsonl", null, 30, 100, 10, 2.0, 2);
        RunnerResult shard = new RunnerResult("shard-0", true, null, null, Map.of("rows", 5.0), null, null,
                "ns/run/shard-0.jsonl", null, 5, null, null, 1.0, null);
        RunnerResult badInput = new RunnerResult("fold-0", false, ConditionReason.BAD_INPUT,
                "notes.csv:3: missing label", null, null, null, null, null, null, null, null, 0.1, null);
        RunnerResult runnerError = new RunnerResult("fold-0", false, "RunnerError", "NaN loss at step 3",
                null, null, null, null, null, null, null, null, 4.0, null);
        return List.of(
                new Row("succeeded first time", false, 2, List.of(new Exit(0, fold, null)),
                        UnitPhase.Succeeded, null, "trained"),
                new Row("shard succeeded", true, 0, List.of(new Exit(0, shard, null)),
                        UnitPhase.Succeeded, null, null),
                new Row("exit 0 without a result", false, 2, List.of(new Exit(0, null, null)),
                        UnitPhase.Succeeded, null, null),
                new Row("bad input with its result: no retry", false, 3, List.of(new Exit(65, badInput, null)),
                        UnitPhase.Failed, ConditionReason.BAD_INPUT, "notes.csv:3: missing label"),
                new Row("exit 65 with only a log line", false, 3, List.of(new Exit(65, null, "stack\nbad.csv:1: no id")),
                        UnitPhase.Failed, ConditionReason.BAD_INPUT, "bad.csv:1: no id"),
                new Row("runner's own reason kept when retries run out", false, 1,
                        List.of(new Exit(1, runnerError, null), new Exit(1, runnerError, null)),
                        UnitPhase.Failed, "RunnerError", "NaN loss at step 3"),
                new Row("killed twice, no message", false, 1, List.of(new Exit(137, null, null), new Exit(137, null, null)),
                        UnitPhase.Failed, ConditionReason.BACKOFF_LIMIT_EXCEEDED, "exited with code 137"),
                new Row("failed once, retry pending", false, 2, List.of(new Exit(1, null, "OOM")),
                        UnitPhase.Pending, null, "retrying after: OOM"),
                new Row("failed once then succeeded", false, 2, List.of(new Exit(137, null, null), new Exit(0, fold, null)),
                        UnitPhase.Succeeded, null, "trained"),
                new Row("shard failed for good", true, 0, List.of(new Exit(2, runnerError, null)),
                        UnitPhase.Failed, "RunnerError", "NaN loss at step 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void localExecutorAndOperatorAgree(Row row) {
        UnitStatus local = local(row);
        UnitStatus operator = operator(row);
        assertThat(local.getPhase()).isEqualTo(row.phase());
        assertThat(local.getFailureReason()).isEqualTo(row.reason());
        assertThat(local.getMessage()).isEqualTo(row.message());
        assertThat(local.getAttempts()).isEqualTo(row.exits().size());
        assertThat(comparable(operator)).as("operator's status entry").isEqualTo(comparable(local));
        if (row.phase() == UnitPhase.Succeeded && row.exits().get(row.exits().size() - 1).result() != null) {
            assertThat(local.getMetrics()).isNotEmpty();
        }
    }

    /** What the local executor records: {@code started} before each attempt, {@code afterAttempt} after it. */
    private static UnitStatus local(Row row) {
        Supplier<UnitStatus> make = row.shard() ? ShardStatus::new : FoldStatus::new;
        UnitStatus unit = make.get();
        unit.setIndex(0);
        unit.setJob(JOB);
        unit.setPhase(UnitPhase.Pending);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (Exit exit : row.exits()) {
            UnitResults.started(unit, now);
            boolean finished = UnitResults.afterAttempt(unit, UnitOutcome.Attempt.of(exit.code(), exit.result(), exit.raw()), row.backoffLimit(), now);
            assertThat(finished).as("finished only after the last attempt")
                    .isEqualTo(exit == row.exits().get(row.exits().size() - 1) && row.phase().isFinished());
        }
        return unit;
    }

    /** What the operator harvests from the Job and pods the Job controller leaves after these attempts. */
    private static UnitStatus operator(Row row) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < row.exits().size(); i++) {
            Exit exit = row.exits().get(i);
            pods.add(JobHarvesterTest.pod("p" + i, exit.code(), exit.message(), "2026-01-01T00:00:0" + i + "Z",
                    row.shard() ? "0" : null));
        }
        Exit last = row.exits().get(row.exits().size() - 1);
        long failed = row.exits().stream().filter(e -> e.code() != 0).count();
        Job job = last.code() == 0 ? JobHarvesterTest.job(row.shard() ? null : "Complete", null, (int) failed)
                : last.code() == 65 ? JobHarvesterTest.job("Failed", "PodFailurePolicy", (int) failed)
                : failed > row.backoffLimit() ? JobHarvesterTest.job("Failed", "BackoffLimitExceeded", (int) failed)
                : JobHarvesterTest.job(null, null, (int) failed);
        job.getMetadata().setName(JOB);
        Instant later = Instant.parse("2026-01-01T01:00:00Z");
        return row.shard() ? UnitStatuses.shard(JobHarvester.shards(1, job, pods).get(0))
                : UnitStatuses.fold(JobHarvester.unit(0, job, pods, later));
    }

    /** The entry as JSON without its times (the local executor's clock and the Job controller's differ). */
    private static JsonNode comparable(UnitStatus unit) {
        ObjectNode json = JSON.valueToTree(unit);
        json.remove(List.of("startTime", "completionTime"));
        return json;
    }
}

package dev.kubetune.operator.inferencerun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRunStatusUpdateTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void metricsOverAllRowsAreRowWeighted() {
        InferenceRun run = run(2, shard(1, UnitPhase.Succeeded, 10, 0.5), shard(0, UnitPhase.Succeeded, 30, 0.9));
        InferenceRunStatusUpdate.update(run, "ns/ft/fold-1/adapter", null, NOW);
        InferenceRunStatus status = run.getStatus();
        assertThat(status.getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(status.getProgress()).isEqualTo("2/2");
        assertThat(status.getRows()).isEqualTo(40);
        assertThat(status.getMetrics().get("accuracy")).isCloseTo(0.8, within(1e-9));
        assertThat(status.getMetrics().get("rows")).isEqualTo(40.0);
        assertThat(status.getOutputs()).containsExactly("shard-0.jsonl", "shard-1.jsonl");
        assertThat(status.getMainMetric().getValue()).isCloseTo(0.8, within(1e-9));
        assertThat(status.getAdapter()).isEqualTo("ns/ft/fold-1/adapter");
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
    }

    @Test
    void waitingNamesWhatItWaitsFor() {
        InferenceRun run = run(2, shard(0, UnitPhase.Pending, null, null), shard(1, UnitPhase.Pending, null, null));
        InferenceRunStatusUpdate.update(run, null, "FoldTraining/notes (not found)", NOW);
        assertThat(run.getStatus().getPhase()).isEqualTo(Phase.Waiting);
        var waiting = Conditions.find(run.getStatus().getConditions(), ConditionType.WAITING).orElseThrow();
        assertThat(waiting.getStatus()).isEqualTo("True");
        assertThat(waiting.getMessage()).isEqualTo("waiting for FoldTraining/notes (not found)");
        assertThat(run.getStatus().getRows()).isNull();
        assertThat(run.getStatus().getMetrics()).isNull();
    }

    static InferenceRun run(int shards, ShardStatus... statuses) {
        InferenceRun run = new InferenceRun();
        run.setMetadata(new ObjectMetaBuilder().withName("r").withGeneration(3L).build());
        InferenceRunSpec spec = new InferenceRunSpec();
        spec.setShards(shards);
        run.setSpec(spec);
        InferenceRunStatus status = new InferenceRunStatus();
        status.setShards(new ArrayList<>(List.of(statuses)));
        run.setStatus(status);
        return run;
    }

    static ShardStatus shard(int index, UnitPhase phase, Integer rows, Double accuracy) {
        ShardStatus shard = new ShardStatus();
        shard.setIndex(index);
        shard.setPhase(phase);
        shard.setRows(rows);
        if (accuracy != null) {
            shard.setMetrics(Map.of("accuracy", accuracy, "rows", rows.doubleValue()));
            shard.setPredictions("shard-" + index + ".jsonl");
        }
        return shard;
    }
}

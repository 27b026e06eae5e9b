package dev.kubetune.api.inferencerun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRunStatusLogicTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static InferenceRun run(int shards) {
        InferenceRun r = new InferenceRun();
        r.setMetadata(new ObjectMetaBuilder().withName("zero-shot").withGeneration(1L).build());
        r.setSpec(new InferenceRunSpec());
        r.getSpec().setShards(shards);
        r.setStatus(new InferenceRunStatus());
        return r;
    }

    /** A shard of labels a/b: tp, predicted and support counts per label. */
    static ShardStatus shard(int index, int rows, double tpA, double predA, double supA, double tpB, double predB,
                             double supB, double p95) {
        ShardStatus s = new ShardStatus();
        s.setIndex(index);
        s.setPhase(UnitPhase.Succeeded);
        s.setRows(rows);
        s.setPredictions("ns/zero-shot/shard-" + index + "/predictions.jsonl");
        Map<String, Double> m = new HashMap<>();
        m.put("rows", (double) rows);
        m.put("accuracy", (tpA + tpB) / rows);
        m.put("latency_p95_ms", p95);
        m.put("tokens_per_second", 100.0);
        m.put("count.tp.a", tpA);
        m.put("count.pred.a", predA);
        m.put("count.support.a", supA);
        m.put("count.tp.b", tpB);
        m.put("count.pred.b", predB);
        m.put("count.support.b", supB);
        s.setMetrics(m);
        return s;
    }

    @Test
    void combinesShardsExactly() {
        InferenceRun r = run(2);
        // shard 0: 4 rows (a,a,b,b) predicted (a,b,b,b); shard 1: 6 rows (a x3, b x3) predicted (a,a,a,a,b,b)
        r.getStatus().getShards().add(shard(1, 6, 3, 4, 3, 2, 2, 3, 80));
        r.getStatus().getShards().add(shard(0, 4, 1, 1, 2, 2, 3, 2, 50));
        r.getStatus().getShards().get(0).setTruncatedRows(2);
        r.getStatus().getShards().get(1).setTruncatedRows(3);

        InferenceRunStatusLogic.update(r, null, NOW);

        InferenceRunStatus s = r.getStatus();
        assertThat(s.getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(s.getProgress()).isEqualTo("2/2");
        assertThat(s.getRows()).isEqualTo(10);
        assertThat(s.getOutputs()).containsExactly("ns/zero-shot/shard-0/predictions.jsonl",
                "ns/zero-shot/shard-1/predictions.jsonl");
        // all 10 rows: a: tp 4, predicted 5, support 5 → F1 0.8; b: tp 4, predicted 5, support 5 → F1 0.8
        assertThat(s.getMetrics().get("accuracy")).isCloseTo(0.8, within(1e-12));
        assertThat(s.getMetrics().get("macro_f1")).isCloseTo(0.8, within(1e-12));
        assertThat(s.getMetrics().get("latency_p95_ms")).isEqualTo(80.0);
        assertThat(s.getMetrics().get("tokens_per_second")).isEqualTo(200.0);
        assertThat(s.getMainMetric().getValue()).isCloseTo(0.8, within(1e-12));
        assertThat(s.getTruncatedRows()).isEqualTo(5);
        assertThat(Conditions.isTrue(s.getConditions(), ConditionType.READY)).isTrue();
    }

    @Test
    void waitingForAFoldTrainingSaysWhich() {
        InferenceRun r = run(2);

        InferenceRunStatusLogic.update(r, "FoldTraining/notes", NOW);

        assertThat(r.getStatus().getPhase()).isEqualTo(Phase.Waiting);
        var waiting = Conditions.find(r.getStatus().getConditions(), ConditionType.WAITING).orElseThrow();
        assertThat(waiting.getStatus()).isEqualTo("True");
        assertThat(waiting.getMessage()).isEqualTo("waiting for FoldTraining/notes");
        assertThat(r.getStatus().getRows()).isNull();
        assertThat(r.getStatus().getOutputs()).isNull();
        assertThat(r.getStatus().getTruncatedRows()).isNull();
    }
}

package dev.kubetune.api.foldtraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldTrainingStatusLogicTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static FoldTraining training(int k) {
        FoldTraining t = new FoldTraining();
        t.setMetadata(new ObjectMetaBuilder().withName("notes").withGeneration(3L).build());
        t.setSpec(new FoldTrainingSpec());
        t.getSpec().getFolds().setK(k);
        t.setStatus(new FoldTrainingStatus());
        return t;
    }

    static FoldStatus fold(int index, UnitPhase phase, Double accuracy, Double macroF1) {
        FoldStatus f = new FoldStatus();
        f.setIndex(index);
        f.setPhase(phase);
        f.setJob("notes-fold-" + index);
        if (accuracy != null) {
            f.setMetrics(Map.of("accuracy", accuracy, "macro_f1", macroF1));
        }
        return f;
    }

    @Test
    void allFoldsSucceededGivesMeanStdBestFoldAndReady() {
        FoldTraining t = training(3);
        t.getStatus().getFolds().add(fold(2, UnitPhase.Succeeded, 0.80, 0.70));
        t.getStatus().getFolds().add(fold(0, UnitPhase.Succeeded, 0.90, 0.85));
        t.getStatus().getFolds().add(fold(1, UnitPhase.Succeeded, 0.70, 0.60));

        FoldTrainingStatusLogic.update(t, NOW);

        FoldTrainingStatus s = t.getStatus();
        assertThat(s.getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(s.getProgress()).isEqualTo("3/3");
        assertThat(s.getFolds()).extracting(FoldStatus::getIndex).containsExactly(0, 1, 2);
        assertThat(s.getSummary().getMetrics().get("accuracy").getMean()).isCloseTo(0.80, within(1e-12));
        assertThat(s.getSummary().getMetrics().get("accuracy").getStd()).isCloseTo(0.10, within(1e-12));
        assertThat(s.getSummary().getBestFold()).isZero();
        assertThat(s.getMainMetric().getName()).isEqualTo("accuracy");
        assertThat(s.getMainMetric().getValue()).isCloseTo(0.80, within(1e-12));
        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(Conditions.isTrue(s.getConditions(), ConditionType.READY)).isTrue();
        assertThat(Conditions.isTrue(s.getConditions(), ConditionType.PROGRESSING)).isFalse();
        assertThat(Conditions.find(s.getConditions(), ConditionType.READY).orElseThrow().getReason())
                .isEqualTo(ConditionReason.ALL_UNITS_SUCCEEDED);
    }

    @Test
    void noSucceededFoldMeansNoMetricsMapInTheSummary() {
        FoldTraining t = training(2);
        t.getStatus().getFolds().add(fold(0, UnitPhase.Running, null, null));
        t.getStatus().getFolds().add(fold(1, UnitPhase.Pending, null, null));

        FoldTrainingStatusLogic.update(t, NOW);

        // an empty map would be sent by server-side apply and stored as null once the folds restart after
        // having succeeded (a spec change), which a real API server rejects: "summary.metrics must be of type object"
        assertThat(t.getStatus().getSummary().getMetrics()).isNull();
        assertThat(Serialization.asJson(t.getStatus().getSummary())).doesNotContain("metrics");
        assertThat(t.getStatus().getMainMetric().getValue()).isNull();
    }

    @Test
    void runningFoldsSummariseOnlyTheSucceededOnes() {
        FoldTraining t = training(3);
        t.getStatus().getFolds().add(fold(0, UnitPhase.Succeeded, 0.9, 0.8));
        t.getStatus().getFolds().add(fold(1, UnitPhase.Running, null, null));

        FoldTrainingStatusLogic.update(t, NOW);

        assertThat(t.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(t.getStatus().getProgress()).isEqualTo("1/3");
        assertThat(t.getStatus().getSummary().getFoldsSucceeded()).isEqualTo(1);
        assertThat(t.getStatus().getSummary().getMetrics().get("accuracy").getStd()).isZero();
        assertThat(Conditions.isTrue(t.getStatus().getConditions(), ConditionType.PROGRESSING)).isTrue();
    }

    @Test
    void aFailedFoldFailsTheTrainingWithItsReason() {
        FoldTraining t = training(2);
        FoldStatus failed = fold(1, UnitPhase.Failed, null, null);
        failed.setFailureReason("BadInput");
        failed.setMessage("notes.csv:5: no field 'text'");
        t.getStatus().getFolds().add(fold(0, UnitPhase.Succeeded, 0.9, 0.8));
        t.getStatus().getFolds().add(failed);

        FoldTrainingStatusLogic.update(t, NOW);

        assertThat(t.getStatus().getPhase()).isEqualTo(Phase.Failed);
        var condition = Conditions.find(t.getStatus().getConditions(), ConditionType.FAILED).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("BadInput");
        assertThat(condition.getMessage()).isEqualTo("notes-fold-1: notes.csv:5: no field 'text'");
    }

    @Test
    void suspendedTrainingSaysSo() {
        FoldTraining t = training(2);
        t.getSpec().setSuspend(true);

        FoldTrainingStatusLogic.update(t, NOW);

        assertThat(t.getStatus().getPhase()).isEqualTo(Phase.Suspended);
        assertThat(Conditions.isTrue(t.getStatus().getConditions(), ConditionType.SUSPENDED)).isTrue();
        assertThat(t.getStatus().getMainMetric().getValue()).isNull();
    }

    @Test
    void bestFoldIsTheLowestIndexOnATie() {
        FoldTraining t = training(3);
        t.getStatus().getFolds().add(fold(0, UnitPhase.Succeeded, 0.8, 0.70));
        t.getStatus().getFolds().add(fold(2, UnitPhase.Succeeded, 0.9, 0.75));
        t.getStatus().getFolds().add(fold(1, UnitPhase.Succeeded, 0.9, 0.60));

        FoldTrainingStatusLogic.update(t, NOW);

        assertThat(t.getStatus().getSummary().getBestFold()).isEqualTo(1);
        assertThat(t.getStatus().getSummary().getMetrics()).containsOnlyKeys("accuracy", "macro_f1");
        assertThat(t.getStatus().getSummary().getMetrics().get("macro_f1").getMean()).isCloseTo((0.70 + 0.75 + 0.60) / 3, within(1e-12));
    }

    @Test
    void truncatedRowsAddUpOverTheSucceededFoldsOnly() {
        FoldTraining t = training(3);
        FoldStatus cut = fold(0, UnitPhase.Succeeded, 0.8, 0.7);
        cut.setTruncatedRows(4);
        FoldStatus whole = fold(1, UnitPhase.Succeeded, 0.9, 0.8);
        whole.setTruncatedRows(0);
        FoldStatus running = fold(2, UnitPhase.Running, null, null);
        running.setTruncatedRows(9);
        t.getStatus().getFolds().addAll(java.util.List.of(cut, whole, running));

        FoldTrainingStatusLogic.update(t, NOW);
        assertThat(t.getStatus().getSummary().getTruncatedRows()).isEqualTo(4);

        running.setPhase(UnitPhase.Succeeded);
        FoldTrainingStatusLogic.update(t, NOW);
        assertThat(t.getStatus().getSummary().getTruncatedRows()).isEqualTo(13);
        assertThat(Serialization.asJson(t.getStatus())).contains("\"truncatedRows\":13");
    }

    @Test
    void noFoldWithACountMeansNoTruncatedRows() {
        FoldTraining t = training(2);
        t.getStatus().getFolds().add(fold(0, UnitPhase.Succeeded, 0.9, 0.8));

        FoldTrainingStatusLogic.update(t, NOW);

        assertThat(t.getStatus().getSummary().getTruncatedRows()).as("a runner that does not count: unknown, not 0")
                .isNull();
    }
}

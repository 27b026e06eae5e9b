package dev.kubetune.api.foldtraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.api.status.UnitPhase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutOfFoldLogicTest {

    /** A fold's metrics with per-class counts for labels x and y. */
    private static FoldStatus fold(int index, int tpX, int predX, int supX, int tpY, int predY, int supY, Double logLoss) {
        FoldStatus f = new FoldStatus();
        f.setIndex(index);
        f.setPhase(UnitPhase.Succeeded);
        Map<String, Double> m = new HashMap<>();
        double rows = supX + supY;
        m.put("rows", rows);
        m.put("accuracy", (tpX + tpY) / rows);
        m.put("macro_f1", 0.123);   // a per-fold value: the pooled one is recomputed from counts
        m.put("train_loss", 0.5);
        m.put("count.tp.x", (double) tpX);
        m.put("count.pred.x", (double) predX);
        m.put("count.support.x", (double) supX);
        m.put("count.tp.y", (double) tpY);
        m.put("count.pred.y", (double) predY);
        m.put("count.support.y", (double) supY);
        if (logLoss != null) {
            m.put("log_loss", logLoss);
        }
        f.setMetrics(m);
        return f;
    }

    @Test
    void poolsTheFoldsCountsIntoMetricsOverAllRows() {
        FoldTraining t = FoldTrainingStatusLogicTest.training(2);
        // fold 0: 4 rows (x: 2 of 2 right, y: 1 of 2 right, one y predicted x); fold 1: 6 rows, all right
        t.getStatus().getFolds().add(fold(0, 2, 3, 2, 1, 1, 2, 0.4));
        t.getStatus().getFolds().add(fold(1, 3, 3, 3, 3, 3, 3, 0.1));
        FoldTrainingStatusLogic.update(t, FoldTrainingStatusLogicTest.NOW);
        OutOfFold oof = t.getStatus().getOutOfFold();
        assertThat(oof.getRows()).isEqualTo(10);
        assertThat(oof.getMetrics().get("accuracy")).isCloseTo(9 / 10.0, within(1e-12));
        // pooled: x tp 5, pred 6, support 5 → F1 10/11; y tp 4, pred 4, support 5 → F1 8/9
        assertThat(oof.getMetrics().get("macro_f1")).isCloseTo((10 / 11.0 + 8 / 9.0) / 2, within(1e-12));
        assertThat(oof.getMetrics().get("log_loss")).isCloseTo((0.4 * 4 + 0.1 * 6) / 10, within(1e-12));
        assertThat(oof.getMetrics()).doesNotContainKeys("train_loss", "count.tp.x", "rows");
        assertThat(oof.getPredictions()).isEqualTo("default/notes/oof-predictions.jsonl");
        // the per-fold mean stays beside it
        assertThat(t.getStatus().getSummary().getMetrics().get("accuracy").getMean()).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
    }

    @Test
    void aMetricSomeFoldsLackIsNotPooledAndNoFoldGivesNothing() {
        FoldTraining t = FoldTrainingStatusLogicTest.training(2);
        FoldTrainingStatusLogic.update(t, FoldTrainingStatusLogicTest.NOW);
        assertThat(t.getStatus().getOutOfFold()).isNull();
        t.getStatus().getFolds().add(fold(0, 2, 3, 2, 1, 1, 2, 0.4));
        t.getStatus().getFolds().add(fold(1, 3, 3, 3, 3, 3, 3, null));
        FoldTrainingStatusLogic.update(t, FoldTrainingStatusLogicTest.NOW);
        assertThat(t.getStatus().getOutOfFold().getMetrics()).containsKey("accuracy").doesNotContainKey("log_loss");
    }
}

package dev.kubetune.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrainingSampleTest {

    private static List<DataRow> rows() {
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new DataRow("r" + i, i % 4 == 0 ? "rare" : "common"));   // 10 rare, 30 common
        }
        return rows;
    }

    private static Map<String, Long> perLabel(List<DataRow> rows) {
        return rows.stream().collect(Collectors.groupingBy(DataRow::label, Collectors.counting()));
    }

    @Test
    void keepsTheShareOfEachLabelInOriginalOrder() {
        List<DataRow> kept = TrainingSample.sample(rows(), 0.3, 7);
        assertThat(perLabel(kept)).containsEntry("rare", 3L).containsEntry("common", 9L);
        List<DataRow> all = rows();
        assertThat(kept).isSortedAccordingTo((x, y) -> Integer.compare(all.indexOf(x), all.indexOf(y)));
        assertThat(TrainingSample.sample(rows(), 0.3, 7)).isEqualTo(kept);
        assertThat(TrainingSample.sample(rows(), 0.3, 8)).isNotEqualTo(kept);
    }

    @Test
    void smallerFractionsKeepSubsetsAndEveryLabelKeepsARow() {
        List<DataRow> half = TrainingSample.sample(rows(), 0.5, 7);
        List<DataRow> quarter = TrainingSample.sample(rows(), 0.25, 7);
        assertThat(half).containsAll(quarter);
        assertThat(perLabel(TrainingSample.sample(rows(), 0.01, 7))).containsEntry("rare", 1L).containsEntry("common", 1L);
        assertThat(TrainingSample.sample(rows(), 1.0, 7)).isEqualTo(rows());
        assertThatThrownBy(() -> TrainingSample.sample(rows(), 0, 7)).isInstanceOf(PlanningException.class);
    }
}

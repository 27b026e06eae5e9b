package dev.kubetune.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FoldPlannerTest {

    /** 240 rows with six labels of uneven size, like the bundled clinical notes. */
    static List<DataRow> rows() {
        Map<String, Integer> sizes = Map.of("skin", 49, "cardiac", 41, "respiratory", 40, "neuro", 39,
                "digestive", 37, "endocrine", 34);
        List<DataRow> rows = new ArrayList<>();
        int id = 0;
        for (String label : List.of("skin", "cardiac", "respiratory", "neuro", "digestive", "endocrine")) {
            for (int i = 0; i < sizes.get(label); i++) {
                rows.add(new DataRow(String.format("N%04d", id++), label));
            }
        }
        java.util.Collections.shuffle(rows, new java.util.Random(1));
        return rows;
    }

    @ParameterizedTest
    @CsvSource({"2,true", "3,true", "5,true", "7,true", "5,false", "10,false"})
    void everyRowIsInExactlyOneTestFold(int k, boolean stratify) {
        List<DataRow> rows = rows();

        FoldSplit split = FoldPlanner.assign(rows, k, 7, stratify);

        List<String> tested = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<DataRow> test = split.testRows(f);
            List<DataRow> train = split.trainRows(f);
            test.forEach(r -> tested.add(r.id()));
            assertThat(test.size() + train.size()).isEqualTo(rows.size());
            assertThat(new HashSet<>(train)).doesNotContainAnyElementsOf(test);
            assertThat(test.size()).isBetween(rows.size() / k, (rows.size() + k - 1) / k);
        }
        assertThat(tested).hasSize(rows.size()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"2", "3", "5", "10"})
    void stratifiedFoldsHoldEachLabelWithinOneOfProportional(int k) {
        List<DataRow> rows = rows();
        Map<String, Long> total = rows.stream().collect(Collectors.groupingBy(DataRow::label, Collectors.counting()));

        FoldSplit split = FoldPlanner.assign(rows, k, 11, true);

        for (int f = 0; f < k; f++) {
            Map<String, Long> inFold = split.testRows(f).stream()
                    .collect(Collectors.groupingBy(DataRow::label, Collectors.counting()));
            for (Map.Entry<String, Long> label : total.entrySet()) {
                double proportional = label.getValue() / (double) k;
                assertThat((double) inFold.getOrDefault(label.getKey(), 0L))
                        .as("label %s in fold %d", label.getKey(), f)
                        .isBetween(proportional - 1, proportional + 1);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        List<DataRow> rows = rows();

        FoldSplit a = FoldPlanner.assign(rows, 5, 42, true);
        FoldSplit b = FoldPlanner.assign(new ArrayList<>(rows), 5, 42, true);
        FoldSplit c = FoldPlanner.assign(rows, 5, 43, true);

        assertThat(ids(a)).isEqualTo(ids(b));
        assertThat(ids(a)).isNotEqualTo(ids(c));
    }

    @Test
    void splitIsPinnedByTheDocumentedAlgorithm() {
        // SplitMix64 from seed 0 (reference values of the published algorithm), so the split is
        // the same on every JVM and in any other implementation of docs/planner.md.
        SplitMix64 rng = new SplitMix64(0);
        assertThat(rng.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(rng.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(rng.nextLong()).isEqualTo(0x06C45D188009454FL);

        // Worked example of docs/planner.md (checked with an independent Python implementation):
        // labels a (4 rows) then b (2 rows), k = 2, seed 0.
        List<DataRow> rows = List.of(new DataRow("1", "a"), new DataRow("2", "b"), new DataRow("3", "a"),
                new DataRow("4", "a"), new DataRow("5", "b"), new DataRow("6", "a"));
        FoldSplit split = FoldPlanner.assign(rows, 2, 0, true);
        assertThat(split.testRows(0)).extracting(DataRow::id).containsExactly("1", "4", "5");
        assertThat(split.testRows(1)).extracting(DataRow::id).containsExactly("2", "3", "6");
    }

    @Test
    void testAndTrainRowsKeepDataSetOrder() {
        List<DataRow> rows = rows();
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            position.put(rows.get(i).id(), i);
        }

        FoldSplit split = FoldPlanner.assign(rows, 3, 5, true);

        assertThat(split.testRows(1)).extracting(r -> position.get(r.id())).isSorted();
        assertThat(split.trainRows(1)).extracting(r -> position.get(r.id())).isSorted();
    }

    @Test
    void refusesWhatCannotBeSplit() {
        List<DataRow> three = List.of(new DataRow("a", "x"), new DataRow("b", "x"), new DataRow("c", "y"));

        assertThatThrownBy(() -> FoldPlanner.assign(three, 5, 0, false))
                .isInstanceOf(PlanningException.class).hasMessage("3 rows cannot make 5 folds");
        assertThatThrownBy(() -> FoldPlanner.assign(three, 2, 0, true))
                .isInstanceOf(PlanningException.class).hasMessageStartingWith("label 'y' has 1 rows, fewer than k = 2");
        assertThatThrownBy(() -> FoldPlanner.assign(List.of(new DataRow("a", null), new DataRow("b", "x")), 2, 0, true))
                .isInstanceOf(PlanningException.class).hasMessage("row 'a' has no label: it cannot be stratified");
    }

    @Test
    void validationSplitHoldsOutTheShareSeededAndInOrder() {
        List<DataRow> train = FoldPlanner.assign(rows(), 5, 1, true).trainRows(0);

        FoldPlanner.ValidationSplit a = FoldPlanner.validationSplit(train, 0.1, 9);
        FoldPlanner.ValidationSplit b = FoldPlanner.validationSplit(train, 0.1, 9);
        FoldPlanner.ValidationSplit c = FoldPlanner.validationSplit(train, 0.1, 10);

        assertThat(a.validation()).hasSize((int) Math.round(train.size() * 0.1));
        assertThat(a.train().size() + a.validation().size()).isEqualTo(train.size());
        Set<DataRow> all = new HashSet<>(a.train());
        all.addAll(a.validation());
        assertThat(all).hasSize(train.size());
        assertThat(a).isEqualTo(b);
        assertThat(a.validation()).isNotEqualTo(c.validation());
        assertThatThrownBy(() -> FoldPlanner.validationSplit(train, 1.0, 0)).isInstanceOf(PlanningException.class);
    }

    private static List<List<String>> ids(FoldSplit split) {
        Function<List<DataRow>, List<String>> ids = l -> l.stream().map(DataRow::id).toList();
        List<List<String>> out = new ArrayList<>();
        for (int f = 0; f < split.k(); f++) {
            out.add(ids.apply(split.testRows(f)));
        }
        return out;
    }
}

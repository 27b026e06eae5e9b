package dev.kubetune.runner.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    private static final int[] LENGTHS = {10, 900, 15, 880, 12, 950, 11, 870};

    @Test
    void generationBatchesRowsOfSimilarLengthLongestFirstAndPadsLess() {
        List<List<Integer>> batches = LengthBatches.byLength(LENGTHS, 2);
        assertThat(batches).containsExactly(List.of(5, 1), List.of(3, 7), List.of(2, 4), List.of(6, 0));
        assertThat(LengthBatches.padding(batches, LENGTHS)).isEqualTo(50 + 10 + 3 + 1);
        List<List<Integer>> inOrder = LengthBatches.inOrder(LENGTHS.length, 2);
        assertThat(inOrder).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4, 5), List.of(6, 7));
        assertThat(LengthBatches.padding(inOrder, LENGTHS)).isEqualTo(890 + 865 + 938 + 859);
    }

    @Test
    void trainingBatchesAreReproducibleForASeedAndCoverEveryRowOnce() {
        int[] lengths = IntStream.range(0, 500).map(i -> (i * 7919) % 2000 + 10).toArray();
        List<List<Integer>> first = LengthBatches.shuffledByLength(lengths, 4, new Random(3));
        assertThat(LengthBatches.shuffledByLength(lengths, 4, new Random(3))).isEqualTo(first);
        assertThat(LengthBatches.shuffledByLength(lengths, 4, new Random(4))).isNotEqualTo(first);
        assertThat(first.stream().flatMap(List::stream).sorted().toList())
                .isEqualTo(IntStream.range(0, 500).boxed().toList());
        List<List<Integer>> plain = LengthBatches.shuffled(lengths.length, 4, new Random(3));
        assertThat(LengthBatches.padding(first, lengths)).isLessThan(LengthBatches.padding(plain, lengths) / 10);
    }

    @Test
    void plainShuffleIsTheOrderCollectionsShuffleGives() {
        List<Integer> rows = new java.util.ArrayList<>(IntStream.range(0, 10).boxed().toList());
        java.util.Collections.shuffle(rows, new Random(5));
        assertThat(LengthBatches.shuffled(10, 3, new Random(5)).stream().flatMap(List::stream).toList()).isEqualTo(rows);
    }
}

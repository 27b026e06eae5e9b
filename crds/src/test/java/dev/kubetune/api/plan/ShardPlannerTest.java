package dev.kubetune.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardPlannerTest {

    @ParameterizedTest
    @CsvSource({"240,1", "240,4", "241,4", "10,3", "3,8", "0,2", "1000,7"})
    void shardsCoverEveryRowOnceInOrder(int rows, int shards) {
        List<Integer> input = IntStream.range(0, rows).boxed().toList();

        List<Integer> concatenated = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            List<Integer> slice = ShardPlanner.slice(input, shards, s);
            assertThat(slice.size()).isBetween(rows / shards, (rows + shards - 1) / shards);
            concatenated.addAll(slice);
        }

        assertThat(concatenated).isEqualTo(input);
    }

    @ParameterizedTest
    @CsvSource({"10,0,0", "10,2,2", "10,2,-1"})
    void refusesImpossibleShards(int rows, int shards, int index) {
        assertThatThrownBy(() -> ShardPlanner.range(rows, shards, index)).isInstanceOf(PlanningException.class);
    }
}

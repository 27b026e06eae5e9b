package dev.kubetune.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.plan.UnitPlanner;
import org.junit.jupiter.api.Test;

class WorkUnitTest {

    @Test
    void namesRoundTrip() {
        assertThat(WorkUnit.parse("fold-3")).isEqualTo(WorkUnit.fold(3));
        assertThat(WorkUnit.parse("shard-0").name()).isEqualTo("shard-0");
        for (String bad : new String[] {"fold", "fold-", "fold-01", "shard--1", "Fold-1", "fold-1 "}) {
            assertThatThrownBy(() -> WorkUnit.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unitsFollowTheSpec() {
        FoldTrainingSpec training = new FoldTrainingSpec();
        training.getFolds().setK(4);
        InferenceRunSpec run = new InferenceRunSpec();
        run.setShards(3);

        assertThat(UnitPlanner.units(training)).extracting(WorkUnit::name)
                .containsExactly("fold-0", "fold-1", "fold-2", "fold-3");
        assertThat(UnitPlanner.units(run)).extracting(WorkUnit::name).containsExactly("shard-0", "shard-1", "shard-2");
    }
}

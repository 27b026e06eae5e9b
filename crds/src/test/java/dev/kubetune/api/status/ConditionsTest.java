package dev.kubetune.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");
    static final Instant T1 = T0.plusSeconds(60);

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusChanges() {
        List<Condition> conditions = new ArrayList<>();

        assertThat(Conditions.set(conditions, "Ready", false, "UnitsPending", "0/3", 1L, T0)).isTrue();
        assertThat(Conditions.set(conditions, "Ready", false, "UnitsRunning", "1/3", 1L, T1)).isTrue();
        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(conditions.get(0).getReason()).isEqualTo("UnitsRunning");

        assertThat(Conditions.set(conditions, "Ready", true, "AllUnitsSucceeded", "3/3", 2L, T1)).isTrue();
        assertThat(conditions.get(0).getLastTransitionTime()).isEqualTo("2026-11-22T10:01:00Z");
        assertThat(conditions.get(0).getObservedGeneration()).isEqualTo(2L);

        assertThat(Conditions.set(conditions, "Ready", true, "AllUnitsSucceeded", "3/3", 2L, T1.plusSeconds(5))).isFalse();
        assertThat(conditions).hasSize(1);
        assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
        assertThat(Conditions.isTrue(conditions, "Failed")).isFalse();
    }
}

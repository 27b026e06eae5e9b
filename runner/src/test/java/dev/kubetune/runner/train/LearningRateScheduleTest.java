package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kubetune.api.spec.LrScheduler;
import org.junit.jupiter.api.Test;

/** The values Hugging Face's get_*_schedule_with_warmup give for the same settings. */
class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysAlongACosine() {
        LearningRateSchedule s = LearningRateSchedule.of(1e-3, 0.1, 100, LrScheduler.COSINE);
        assertThat(s.warmupSteps()).isEqualTo(10);
        assertThat(s.rate(0)).isZero();
        assertThat(s.rate(5)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.rate(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.rate(55)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.rate(100)).isCloseTo(0.0, within(1e-12));
        assertThat(s.getNewValue(11)).isEqualTo((float) 1e-3);
    }

    @Test
    void linearDecayReachesZeroAtTheLastStep() {
        LearningRateSchedule s = LearningRateSchedule.of(2e-4, 0.25, 8, LrScheduler.LINEAR);
        assertThat(s.warmupSteps()).isEqualTo(2);
        assertThat(s.rate(1)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.rate(2)).isCloseTo(2e-4, within(1e-12));
        assertThat(s.rate(5)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.rate(8)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void constantStaysAtThePeakAfterWarmUpAndWarmUpRoundsUp() {
        LearningRateSchedule s = LearningRateSchedule.of(1e-3, 0.05, 30, LrScheduler.CONSTANT);
        assertThat(s.warmupSteps()).isEqualTo(2);
        assertThat(s.rate(1)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.rate(29)).isEqualTo(1e-3);
        assertThat(LearningRateSchedule.of(1e-3, 0.0, 30, LrScheduler.CONSTANT).rate(0)).isEqualTo(1e-3);
    }
}

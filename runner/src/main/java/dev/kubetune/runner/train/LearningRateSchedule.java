package dev.kubetune.runner.train;

import ai.djl.training.tracker.Tracker;
import dev.kubetune.api.spec.LrScheduler;

/**
 * The learning rate of each optimizer step, as Hugging Face's schedulers compute it: linear warm-up
 * from 0 over {@code ceil(warmupRatio × totalSteps)} steps, then cosine or linear decay to 0 at
 * {@code totalSteps}, or constant. As a DJL {@link Tracker}, {@code numUpdate} counts from 1.
 *
 * @param peak        the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps  optimizer steps of the whole run
 * @param scheduler   the decay after warm-up
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, LrScheduler scheduler)
        implements Tracker {

    public static LearningRateSchedule of(double peak, double warmupRatio, int totalSteps, LrScheduler scheduler) {
        return new LearningRateSchedule(peak, (int) Math.ceil(warmupRatio * totalSteps), totalSteps, scheduler);
    }

    /** The rate of optimizer step {@code step} (0-based). */
    public double rate(int step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return switch (scheduler) {
            case CONSTANT -> peak;
            case LINEAR -> peak * Math.max(0.0, 1.0 - progress);
            case COSINE -> peak * 0.5 * (1.0 + Math.cos(Math.PI * Math.min(1.0, progress)));
        };
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) rate(numUpdate - 1);
    }
}

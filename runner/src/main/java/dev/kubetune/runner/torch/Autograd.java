package dev.kubetune.runner.torch;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's autograd mode on this thread, read and set directly (DJL switches it only in gradient
 * collectors). Whether an array is part of a graph cannot be asked through DJL: its
 * {@code hasGradient()} answers for leaves only (an intermediate result of a differentiable computation
 * reads false), so code that must not enter a graph asks whether one is being recorded at all.
 */
public final class Autograd {

    private Autograd() {
    }

    /** Whether operations on this thread are recorded for a backward pass (a gradient collector is open). */
    public static boolean recording() {
        return JniUtils.isGradMode();
    }

    /** Turns recording off on this thread until the returned handle is closed (then restores the previous mode). */
    public static Off off() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }

    /** A scope with autograd off. */
    public interface Off extends AutoCloseable {
        @Override
        void close();
    }
}

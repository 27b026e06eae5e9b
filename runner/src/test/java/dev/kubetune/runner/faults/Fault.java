package dev.kubetune.runner.faults;

import java.io.IOException;
import java.util.function.Function;

/**
 * One bad input or fault: what breaks, which command then runs, the exit code it must end with, and the
 * message it must print as its one line ({@code phrase}, listed in docs/troubleshooting.md) naming the
 * file, line or field at fault ({@code names}).
 */
record Fault(String name, Damage damage, Function<Scene, Scene.Outcome> command, int exit, String phrase, String names) {

    /** The damage done to the scene before the command runs. */
    @FunctionalInterface
    interface Damage {
        void apply(Scene scene) throws IOException;
    }

    @Override
    public String toString() {
        return name;
    }
}

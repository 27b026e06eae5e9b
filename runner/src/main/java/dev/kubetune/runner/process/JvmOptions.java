package dev.kubetune.runner.process;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a child runner process starts with: this JVM's memory and tuning options ({@code -X…},
 * {@code -XX:…}: heap, direct-memory cap, GC), so a unit or benchmark case runs as the launcher that
 * started kubetune configured it, then {@code extra} (later options win). Agents, debugger ports and
 * system properties are not passed on.
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    public static List<String> inherited(String extra) {
        return inherited(ManagementFactory.getRuntimeMXBean().getInputArguments(), extra);
    }

    static List<String> inherited(List<String> parent, String extra) {
        List<String> out = new ArrayList<>();
        for (String option : parent) {
            boolean tuning = option.startsWith("-XX:") || (option.startsWith("-X") && !option.startsWith("-Xrun")
                    && !option.startsWith("-Xdebug") && !option.startsWith("-Xbootclasspath"));
            if (tuning) {
                out.add(option);
            }
        }
        if (extra != null && !extra.isBlank()) {
            out.addAll(List.of(extra.trim().split("\\s+")));
        }
        return out;
    }
}

package dev.kubetune.runner.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's peak memory so far.
 *
 * @param heapBytes the sum of the peak usage of the JVM's heap pools
 * @param rssBytes the peak resident set size (the kernel's VmHWM: heap, native tensors, everything),
 *     or {@code null} where /proc/self/status is not available
 */
public record PeakMemory(long heapBytes, Long rssBytes) {

    public static PeakMemory measure() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new PeakMemory(heap, peakRss(Path.of("/proc/self/status")));
    }

    /** VmHWM from a /proc/PID/status file, in bytes; {@code null} when absent. */
    static Long peakRss(Path status) {
        try {
            return vmHwmBytes(Files.readAllLines(status));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code VmHWM:   1234 kB} line of /proc/PID/status lines, in bytes; {@code null} when absent. */
    static Long vmHwmBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return null;
    }
}

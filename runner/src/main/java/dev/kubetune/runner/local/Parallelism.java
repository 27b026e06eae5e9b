package dev.kubetune.runner.local;

import dev.kubetune.api.spec.ExperimentSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many units may run at once when {@code --parallel} is not given: as many as memory allows —
 * a unit needs about three times its model's float32 weights (weights, activations, optimizer state
 * for LoRA) plus a JVM — and at most one per two cores, since each unit uses several threads.
 */
final class Parallelism {

    static final long JVM_BYTES = 512L << 20;

    private Parallelism() {
    }

    static int byMemory(List<ExperimentSpec> specs, List<Path> modelFolders) {
        long perUnit = JVM_BYTES;
        for (Path folder : modelFolders) {
            perUnit = Math.max(perUnit, 3 * float32Bytes(folder) + JVM_BYTES);
        }
        long available = availableMemory();
        int byMemory = (int) Math.max(1, available / perUnit);
        int byCores = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return Math.max(1, Math.min(byMemory, byCores));
    }

    /** The weights' size in float32: bf16 / f16 files count twice. */
    static long float32Bytes(Path modelFolder) {
        try (Stream<Path> files = Files.list(modelFolder)) {
            long bytes = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".safetensors")).toList()) {
                bytes += Files.size(f);
            }
            String config = Files.exists(modelFolder.resolve("config.json")) ? Files.readString(modelFolder.resolve("config.json")) : "";
            return config.contains("bfloat16") || config.contains("float16") ? 2 * bytes : bytes;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long availableMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}

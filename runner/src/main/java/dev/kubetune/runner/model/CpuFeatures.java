package dev.kubetune.runner.model;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The instruction-set flags of this machine's CPU ({@code /proc/cpuinfo}), which decide whether
 * {@code dtype: auto} computes in bfloat16 or float16 on the CPU. libtorch's half-precision matrix
 * products are fast only with native instructions: measured with libtorch 2.5.1 on a CPU with
 * AVX512-BF16 but no AVX512-FP16, a 1024×1024 product took 0.33 ms in bfloat16, 1.4 ms in float32 and
 * 135–167 ms in float16.
 */
public record CpuFeatures(Set<String> flags) {

    private static final CpuFeatures HOST = read(Path.of("/proc/cpuinfo"));

    public static CpuFeatures host() {
        return HOST;
    }

    /** Flags of the first processor listed in a cpuinfo file; none when it cannot be read. */
    static CpuFeatures read(Path cpuinfo) {
        try {
            return parse(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures(Set.of());
        }
    }

    static CpuFeatures parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                return new CpuFeatures(Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        return new CpuFeatures(Set.of());
    }

    /** Whether matrix products in {@code type} run on native instructions here. */
    public boolean fast(DataType type) {
        return switch (type) {
            case FLOAT32 -> true;
            case BFLOAT16 -> flags.contains("avx512_bf16") || flags.contains("amx_bf16");
            case FLOAT16 -> flags.contains("avx512_fp16") || flags.contains("amx_fp16");
            default -> false;
        };
    }
}

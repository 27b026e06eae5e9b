package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

    private static final String SAPPHIRE_RAPIDS = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 amx_bf16 avx512_fp16 amx_tile\n";
    private static final String ZEN4 = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n";
    private static final String SKYLAKE = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512bw\n";

    @Test
    void autoKeepsHalfPrecisionOnTheCpuOnlyWithNativeInstructions() {
        assertThat(CpuFeatures.parse(SAPPHIRE_RAPIDS).fast(DataType.FLOAT16)).isTrue();
        assertThat(CpuFeatures.parse(ZEN4).fast(DataType.BFLOAT16)).isTrue();
        assertThat(CpuFeatures.parse(ZEN4).fast(DataType.FLOAT16)).isFalse();
        assertThat(CpuFeatures.parse(SKYLAKE).fast(DataType.BFLOAT16)).isFalse();
        assertThat(CpuFeatures.parse("").fast(DataType.FLOAT32)).isTrue();
    }

    @Test
    void autoOnAGpuIsTheStoredDtype() {
        assertThat(ComputePlacement.automatic(true, DataType.BFLOAT16)).isEqualTo(DataType.BFLOAT16);
        assertThat(ComputePlacement.automatic(true, DataType.FLOAT16)).isEqualTo(DataType.FLOAT16);
        assertThat(ComputePlacement.automatic(false, DataType.FLOAT32)).isEqualTo(DataType.FLOAT32);
        DataType cpu = ComputePlacement.automatic(false, DataType.BFLOAT16);
        assertThat(cpu).isEqualTo(CpuFeatures.host().fast(DataType.BFLOAT16) ? DataType.BFLOAT16 : DataType.FLOAT32);
    }
}

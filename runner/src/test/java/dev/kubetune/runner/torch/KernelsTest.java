package dev.kubetune.runner.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void compilesEveryMethodOfTheSource() {
        assertThat(Kernels.get().methodNames()).contains("view_as_dtype", "to_dtype", "dtype_code");
    }

    @Test
    void castsToBfloat16AndBackRoundingToEightBitsOfMantissa() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 1.00390625f, 1.01171875f, -3.5f, 1e30f});
            NDArray b = Kernels.get().to(x, Kernels.BFLOAT16);
            assertThat(b.getDataType()).isEqualTo(DataType.UNKNOWN);
            assertThat(Kernels.get().dtypeCode(b)).isEqualTo(Kernels.BFLOAT16);
            float[] back = b.toType(DataType.FLOAT32, false).toFloatArray();
            // 1 + 2^-8 is a tie and rounds to even (1); 1 + 3·2^-8 rounds up to 1 + 2^-6
            assertThat(back).containsExactly(1f, 1f, 1.015625f, -3.5f, Float.intBitsToFloat(Float.floatToIntBits(1e30f) + 0x8000 & 0xffff0000));
        }
    }

    @Test
    void viewsFloat16CarriedBitsAsBfloat16Exactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // little-endian bfloat16 bits of 1.5 (0x3fc0) and -2.0 (0xc000), held in a float16-typed array
            NDArray half = m.create(ByteBuffer.wrap(new byte[] {(byte) 0xc0, 0x3f, 0x00, (byte) 0xc0}), new Shape(2),
                    DataType.FLOAT16);
            NDArray b = Kernels.get().viewAs(half, Kernels.BFLOAT16);
            assertThat(Kernels.get().dtypeCode(b)).isEqualTo(Kernels.BFLOAT16);
            assertThat(b.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(1.5f, -2f);
        }
    }
}

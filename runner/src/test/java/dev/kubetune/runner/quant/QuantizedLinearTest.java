package dev.kubetune.runner.quant;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quantize-on-load layouts round-trip each weight to within half a quantization step. */
class QuantizedLinearTest {

    static final int ROWS = 12;
    static final int COLUMNS = 96;

    @Test
    void int8IsWithinHalfAStepPerChannel() {
        float[] w = weights(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantizedLinear q = WeightQuantization.int8().quantize("m", w, ROWS, COLUMNS, manager);
            float[] back = q.dequantize(manager, DataType.FLOAT32).toFloatArray();
            for (int r = 0; r < ROWS; r++) {
                float step = absMax(w, r * COLUMNS, COLUMNS) / 127f;
                for (int c = 0; c < COLUMNS; c++) {
                    assertThat(Math.abs(back[r * COLUMNS + c] - w[r * COLUMNS + c])).isLessThanOrEqualTo(step * 0.5f + 1e-6f);
                }
            }
            assertThat(q.bytes()).isEqualTo(ROWS * COLUMNS + 4L * ROWS);
        }
    }

    @Test
    void int4IsWithinHalfAStepPerGroup() {
        float[] w = weights(2);
        int group = 32;
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantizedLinear q = WeightQuantization.int4(group).quantize("m", w, ROWS, COLUMNS, manager);
            NDArray dense = q.dequantize(manager, DataType.FLOAT32);
            float[] back = dense.toFloatArray();
            for (int start = 0; start < w.length; start += group) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = start; i < start + group; i++) {
                    min = Math.min(min, w[i]);
                    max = Math.max(max, w[i]);
                }
                float step = (max - min) / 15f;
                for (int i = start; i < start + group; i++) {
                    assertThat(Math.abs(back[i] - w[i])).as("element %d", i).isLessThanOrEqualTo(step * 0.5f + 1e-5f);
                }
            }
            assertThat(q.bytes()).isEqualTo(ROWS * COLUMNS / 2 + 2L * 4 * ROWS * COLUMNS / group);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void libtorchsKernelComputesTheProductOfTheDequantizedWeight(int bits) {
        int rows = 48;
        int columns = 128;
        SplittableRandom random = new SplittableRandom(bits);
        float[] w = new float[rows * columns];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * 0.05f;
        }
        WeightQuantization quantization = bits == 8 ? WeightQuantization.int8() : WeightQuantization.int4(32);
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantizedLinear q = quantization.quantize("m", w, rows, columns, manager);
            NDArray dense = q.dequantize(manager, DataType.FLOAT32);
            NDArray x = manager.randomNormal(new Shape(2, 3, columns));
            NDArray bias = manager.randomNormal(new Shape(rows));
            float[] viaKernel = q.apply(x, bias).toFloatArray();
            assertThat(q.kernelUsable()).as("libtorch's int%d kernel took the weight", bits).isTrue();
            float[] viaDense = Linear.linear(x, dense, bias).singletonOrThrow().toFloatArray();
            assertThat(viaKernel).containsExactly(viaDense, within(2e-4f));
            x.setRequiresGradient(true);
            float[] withGradient = q.apply(x, bias).toFloatArray();
            assertThat(withGradient).containsExactly(viaDense, within(1e-5f));
        }
    }

    private static float[] weights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[ROWS * COLUMNS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.02 * (1 + i % 7));
        }
        return w;
    }

    private static float absMax(float[] w, int start, int length) {
        float m = 0;
        for (int i = start; i < start + length; i++) {
            m = Math.max(m, Math.abs(w[i]));
        }
        return m;
    }
}

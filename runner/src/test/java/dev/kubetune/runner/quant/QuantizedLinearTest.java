package dev.kubetune.runner.quant;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
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
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // recorded for a backward pass: the kernel has no derivative, the dequantized weight is used
                NDArray y = q.apply(x, bias);
                assertThat(y.toFloatArray()).containsExactly(viaDense, within(1e-5f));
                collector.backward(y.sum());
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(
                    dense.sum(new int[] {0}).broadcast(2, 3, columns).toFloatArray(), within(1e-4f));
        }
    }

    /**
     * The published layouts as held: GPTQ with act-order (input columns held sorted by group, the input
     * reordered alike) through the int4 kernel, and LLM.int8 (SCB and the 1/127 factor) through the int8
     * kernel, against the product with the dequantized weight in the checkpoint's column order.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void publishedLayoutsThroughTheKernelsMatchTheDequantizedWeight(int bits) {
        int rows = 48;
        int columns = 128;
        SplittableRandom random = new SplittableRandom(10 + bits);
        byte[] codes = new byte[rows * columns];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) (bits == 4 ? random.nextInt(16) : random.nextInt(255) - 127);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantizedLinear q;
            if (bits == 4) {
                int groups = columns / 32;
                float[] scales = new float[groups * rows];
                float[] zeros = new float[groups * rows];
                for (int i = 0; i < scales.length; i++) {
                    scales[i] = 0.01f + random.nextInt(100) / 4096f;
                    zeros[i] = scales[i] * (8 - (1 + random.nextInt(15)));
                }
                long[] order = new long[columns];
                for (int i = 0; i < columns; i++) {
                    order[i] = (i * 37L) % columns;
                }
                q = Int4Linear.of(codes, rows, columns, scales, zeros, 32, order, DataType.FLOAT32, manager);
            } else {
                float[] absMax = new float[rows];
                for (int r = 0; r < rows; r++) {
                    absMax[r] = 0.5f + random.nextInt(100) / 64f;
                }
                q = Int8Linear.of(codes, rows, columns, absMax, (float) 7.874015718698502e-3, manager);
            }
            NDArray dense = q.dequantize(manager, DataType.FLOAT32);
            NDArray x = manager.randomNormal(new Shape(3, columns));
            float[] viaKernel = q.apply(x, null).toFloatArray();
            assertThat(q.kernelUsable()).isTrue();
            float[] viaDense = Linear.linear(x, dense).singletonOrThrow().toFloatArray();
            assertThat(viaKernel).containsExactly(viaDense, within(2e-3f));
            if (bits == 4) {
                // the held order is not the checkpoint's: dequantize puts the columns back
                float[] w = dense.toFloatArray();
                float[] held = q.dequantizeHeld(DataType.FLOAT32).toFloatArray();
                assertThat(held[37]).isEqualTo(w[(37 * 37) % columns]);
                assertThat(held).isNotEqualTo(w);
            }
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

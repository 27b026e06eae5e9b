package dev.kubetune.runner.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.kubetune.runner.torch.DtypeGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A benchmark program (not a test): the time of one linear layer's product x·Wᵀ for each way a weight is
 * held — dense bfloat16, int8 and int4 through libtorch's kernels, bitsandbytes NF4 dequantized for the
 * product — at a given size and for a given number of rows of x (1: a decode step; 256: a prefill or a
 * training micro-batch), activations in bfloat16. Prints milliseconds per product:
 * {@code java -cp kubetune-runner.jar dev.kubetune.runner.quant.LinearBench [OUT IN [THREADS]]}.
 */
public final class LinearBench {

    private LinearBench() {
    }

    public static void main(String[] args) {
        int out = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int in = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        System.setProperty("ai.djl.pytorch.num_threads", args.length > 2 ? args[2] : "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        SplittableRandom random = new SplittableRandom(1);
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * 0.02f;
        }
        byte[] packed = new byte[w.length / 2];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (byte) random.nextInt(256);
        }
        float[] table = new float[16];
        for (int i = 0; i < 16; i++) {
            table[i] = -1f + i / 7.5f;
        }
        float[] absmax = new float[w.length / 64];
        java.util.Arrays.fill(absmax, 0.05f);
        DataType bf16 = DataType.BFLOAT16;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray dense = DtypeGuard.fromFloats(manager, w, new Shape(out, in), bf16);
            Map<String, Function<NDArray, NDArray>> ways = new LinkedHashMap<>();
            ways.put("dense bf16", x -> Linear.linear(x, dense).singletonOrThrow());
            QuantizedLinear int8 = WeightQuantization.int8().quantize("w", dense, bf16, manager);
            ways.put("int8 kernel", x -> int8.apply(x, null));
            QuantizedLinear int4 = WeightQuantization.int4(64).quantize("w", dense, bf16, manager);
            ways.put("int4 kernel (g64)", x -> int4.apply(x, null));
            QuantizedLinear nf4 = Bnb4Linear.of(out, in, packed, table, absmax, 64, manager);
            ways.put("nf4 dequantized", x -> nf4.apply(x, null));
            ways.put("int4 dequantized", x -> {
                try (NDManager scratch = x.getManager().newSubManager()) {
                    NDArray dw = int4.dequantize(scratch, bf16);
                    NDArray y = Linear.linear(x, dw).singletonOrThrow();
                    y.attach(x.getManager());
                    return y;
                }
            });
            System.out.printf("%d x %d weight, activations bfloat16, %s threads: ms per product%n", out, in,
                    System.getProperty("ai.djl.pytorch.num_threads"));
            System.out.printf("%-20s %10s %10s%n", "weight held as", "x: 1 row", "256 rows");
            for (var way : ways.entrySet()) {
                System.out.printf("%-20s %10.2f %10.2f%n", way.getKey(), time(manager, way.getValue(), 1, in, bf16),
                        time(manager, way.getValue(), 256, in, bf16));
            }
        }
    }

    /** Median milliseconds of 9 products after 3 untimed ones. */
    private static double time(NDManager manager, Function<NDArray, NDArray> product, int rows, int in, DataType type) {
        double[] ms = new double[9];
        for (int i = -3; i < ms.length; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = DtypeGuard.cast(step.randomNormal(new Shape(rows, in)), type);
                long t0 = System.nanoTime();
                product.apply(x).getShape();
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (i >= 0) {
                    ms[i] = elapsed;
                }
            }
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}

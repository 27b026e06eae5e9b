package dev.kubetune.runner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.kubetune.api.spec.Dtype;
import dev.kubetune.runner.batch.LengthBatches;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.KvCache;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.model.WeightDeltas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A program, not a test: prefill memory against prompt length, and generation throughput of a
 * mixed-length data set with and without length-aware batching. Run by {@code bench/long-prompts.sh},
 * which starts one JVM per prompt length so that no length's peak carries into another's.
 * <pre>
 *   LongPromptBenchmark header  MODEL [DTYPE]             the model line and the prefill table's header
 *   LongPromptBenchmark prefill MODEL LENGTH [DTYPE]      one prefill of LENGTH tokens: one table row
 *   LongPromptBenchmark mixed   MODEL ROWS BATCH [DTYPE]  the mixed-length throughput table
 * </pre>
 * DTYPE: auto (the default: the stored dtype where the CPU has native instructions for it), float32,
 * bfloat16 or float16.
 *
 * <p>Prefill: one prompt of L random token ids, the forward pass the {@code Generator} runs (KV cache for
 * L + 1 slots, a sub-manager per layer, last-position logits). Its peak is the rise of the process's
 * resident set high-water mark (VmHWM, reset through /proc/self/clear_refs after the model is loaded)
 * over the resident set before the call. Mixed lengths: rows of 10..2,000 random tokens (seed 1),
 * greedy, 4 new tokens each, batched in row order and then by length; both must give the same tokens.
 */
public final class LongPromptBenchmark {

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path folder = Path.of(args[1]);
        int dtypeArg = switch (mode) {
            case "header" -> 2;
            case "prefill" -> 3;
            case "mixed" -> 4;
            default -> throw new IllegalArgumentException("mode: header, prefill or mixed, not " + mode);
        };
        Dtype dtype = args.length > dtypeArg ? Dtype.valueOf(args[dtypeArg].toUpperCase(java.util.Locale.ROOT)) : Dtype.AUTO;
        try (LanguageModel model = LanguageModel.load(folder, ComputePlacement.choose("cpu", dtype, folder))) {
            switch (mode) {
                case "header" -> header(model);
                case "prefill" -> prefill(model, Integer.parseInt(args[2]));
                default -> mixed(model, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
        }
    }

    private static void header(LanguageModel model) throws IOException {
        ModelConfig c = model.config();
        System.out.printf("model %s: %d layers, hidden %d, %d heads (%d kv), context %s, %s, threads %s; "
                        + "resident after loading: %,.0f MiB%n",
                model.folder().getFileName(), c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKeyValueHeads(),
                c.maxPositionEmbeddings(), model.placement().describe(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), status("VmRSS:") / 1048576.0);
        System.out.println();
        System.out.println("| prompt tokens | prefill s | prefill tokens/s | resident before MiB | peak MiB | peak rise MiB"
                + " | of which KV cache MiB | a B×L×L float mask + one layer's scores would be MiB |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    }

    private static void prefill(LanguageModel model, int length) throws IOException {
        ModelConfig c = model.config();
        long[] prompt = randomTokens(new SplittableRandom(length), length);
        System.gc();
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        long before = status("VmRSS:");
        long start = System.nanoTime();
        try (NDManager batch = model.manager().newSubManager()) {
            KvCache cache = new KvCache(c, 1, length + 1, batch, model.decoder().computeType());
            try (NDManager step = batch.newSubManager()) {
                Decoder decoder = model.decoder();
                NDArray hidden = decoder.forward(DecoderInput.leftPadded(step, List.of(prompt), 0, new int[1]), cache,
                        WeightDeltas.NONE);
                decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = status("VmHWM:");
        double rise = (peak - before) / 1048576.0;
        int bytes = model.decoder().computeType().getNumOfBytes();
        double kv = 2.0 * c.numLayers() * c.numKeyValueHeads() * c.headDim() * (length + 1) * bytes / 1048576.0;
        double quadratic = ((double) length * length * 4 * (1 + c.numHeads())) / 1048576.0;
        System.out.printf("| %,d | %.1f | %.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n", length, seconds,
                length / seconds, before / 1048576.0, peak / 1048576.0, rise, kv, quadratic);
    }

    private static void mixed(LanguageModel model, int rows, int batch) {
        SplittableRandom random = new SplittableRandom(1);
        List<long[]> prompts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            prompts.add(randomTokens(random, 10 + random.nextInt(1991)));
        }
        int[] lengths = prompts.stream().mapToInt(p -> p.length).toArray();
        long tokens = Arrays.stream(lengths).sum();
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        GenerationSettings settings = GenerationSettings.greedy(4).withBatchSize(batch);
        List<List<Integer>> inOrder = LengthBatches.inOrder(rows, batch);
        List<List<Integer>> byLength = LengthBatches.byLength(lengths, batch);
        long padInOrder = LengthBatches.padding(inOrder, lengths);
        long padByLength = LengthBatches.padding(byLength, lengths);
        System.out.printf("mixed lengths: %d rows of 10..2,000 tokens (%,d prompt tokens), batch %d, 4 new tokens, %s%n",
                rows, tokens, batch, model.placement().describe());
        System.out.println();
        System.out.println("| batching | seconds | prompt tokens/s | pad tokens | pad share of the batches | rows/s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        long[][] first = run("row order", generator, prompts, inOrder, padInOrder, settings, tokens);
        long[][] second = run("by length", generator, prompts, byLength, padByLength, settings, tokens);
        System.out.println();
        System.out.printf("padding saved by length-aware batching: %,d of %,d pad tokens (%.0f %%); "
                        + "same tokens both ways: %s%n", padInOrder - padByLength, padInOrder,
                padInOrder == 0 ? 0.0 : 100.0 * (padInOrder - padByLength) / padInOrder, Arrays.deepEquals(first, second));
    }

    private static long[][] run(String name, Generator generator, List<long[]> prompts, List<List<Integer>> batches,
                                long pad, GenerationSettings settings, long tokens) {
        long[][] out = new long[prompts.size()][];
        long start = System.nanoTime();
        for (List<Integer> b : batches) {
            var completions = generator.generateFromIds(b.stream().map(prompts::get).toList(), settings, WeightDeltas.NONE);
            for (int j = 0; j < b.size(); j++) {
                out[b.get(j)] = completions.get(j).tokenIds();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("| %s | %.1f | %.0f | %,d | %.0f %% | %.2f |%n", name, seconds, tokens / seconds, pad,
                100.0 * pad / (pad + tokens), prompts.size() / seconds);
        return out;
    }

    private static long[] randomTokens(SplittableRandom random, int length) {
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 3 + random.nextInt(250);
        }
        return ids;
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException(key + " not in /proc/self/status");
    }
}

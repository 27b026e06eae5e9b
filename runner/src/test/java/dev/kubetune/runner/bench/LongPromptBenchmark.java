package dev.kubetune.runner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.kubetune.runner.batch.LengthBatches;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
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
 * mixed-length data set with and without length-aware batching. Run by {@code bench/long-prompts.sh}.
 * Args: MODEL [lengths, default 512,1024,2048,4096,8192] [mixed rows, default 16] [batch, default 4].
 *
 * <p>Prefill: one prompt of L random token ids, the forward pass the {@code Generator} runs (KV cache for
 * L + 1 slots, a sub-manager per layer, last-position logits). Its peak is the rise of the process's
 * resident set (VmHWM, reset through /proc/self/clear_refs before each length) over the resident set
 * before the call. Mixed lengths: rows of 10..2,000 random tokens (seed 1), greedy, 4 new tokens each,
 * batched in row order and then by length; both give the same tokens.
 */
public final class LongPromptBenchmark {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int[] lengths = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {512, 1024, 2048, 4096, 8192};
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        try (LanguageModel model = LanguageModel.load(folder)) {
            ModelConfig c = model.config();
            System.out.printf("model %s: %d layers, hidden %d, %d heads (%d kv), context %s, threads %s%n",
                    folder.getFileName(), c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKeyValueHeads(),
                    c.maxPositionEmbeddings(), System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
            System.out.println("| prompt tokens | prefill s | prefill tokens/s | peak rise MiB | of which KV cache MiB"
                    + " | peak rise per 1k tokens MiB | a B×L×L float mask + one layer's scores would be MiB |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int length : lengths) {
                prefill(model, length);
            }
            mixed(model, rows, batch);
        }
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
        double rise = (status("VmHWM:") - before) / 1048576.0;
        double kv = 2.0 * c.numLayers() * c.numKeyValueHeads() * c.headDim() * (length + 1) * 4 / 1048576.0;
        double quadratic = ((double) length * length * 4 * (1 + c.numHeads())) / 1048576.0;
        System.out.printf("| %,d | %.1f | %.0f | %,.0f | %,.0f | %.1f | %,.0f |%n", length, seconds, length / seconds,
                rise, kv, rise / length * 1000, quadratic);
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
        System.out.printf("%nmixed lengths: %d rows of 10..2,000 tokens (%,d prompt tokens), batch %d, 4 new tokens%n",
                rows, tokens, batch);
        System.out.println("| batching | seconds | prompt tokens/s | pad tokens | rows/s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        List<List<Integer>> inOrder = LengthBatches.inOrder(rows, batch);
        List<List<Integer>> byLength = LengthBatches.byLength(lengths, batch);
        long[][] first = run("row order", generator, prompts, inOrder, lengths, settings, tokens);
        long[][] second = run("by length", generator, prompts, byLength, lengths, settings, tokens);
        System.out.println("same tokens both ways: " + Arrays.deepEquals(first, second));
    }

    private static long[][] run(String name, Generator generator, List<long[]> prompts, List<List<Integer>> batches,
                                int[] lengths, GenerationSettings settings, long tokens) {
        long[][] out = new long[prompts.size()][];
        long start = System.nanoTime();
        for (List<Integer> b : batches) {
            var completions = generator.generateFromIds(b.stream().map(prompts::get).toList(), settings, WeightDeltas.NONE);
            for (int j = 0; j < b.size(); j++) {
                out[b.get(j)] = completions.get(j).tokenIds();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("| %s | %.1f | %.0f | %,d | %.2f |%n", name, seconds, tokens / seconds,
                LengthBatches.padding(batches, lengths), prompts.size() / seconds);
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

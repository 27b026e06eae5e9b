package dev.kubetune.runner.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TargetModule;
import dev.kubetune.api.spec.TrainingSpec;
import dev.kubetune.runner.generate.Completion;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.metrics.PeakMemory;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.quant.WeightQuantization;
import dev.kubetune.runner.train.LoraTrainer;
import dev.kubetune.runner.train.TokenizedExample;
import dev.kubetune.runner.train.TrainLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A benchmark program (not a test), one case a process so its peak RSS is the case's own, for
 * bench/quant.sh: {@code QuantCase MODEL decode|train DTYPE none|8|4 BATCH LENGTH [THREADS]}.
 * <ul>
 *   <li>{@code decode}: greedy generation from BATCH random prompts of 64 tokens, LENGTH new tokens,
 *       timed against generating one token (the prompt's forward pass), so the figure is the decode steps'
 *       tokens/s (tokens actually generated: a random model may stop early at its end-of-sequence id);</li>
 *   <li>{@code train}: LoRA training steps (rank 16 on every projection, AdamW) on BATCH random rows of
 *       LENGTH tokens, through the trainer a FoldTraining uses (QLoRA when quantized); two steps, the
 *       second timed.</li>
 * </ul>
 * Prints one JSON line: tokens/s, the weights' bytes as held and the process's peak RSS.
 */
public final class QuantCase {

    private QuantCase() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", args.length > 6 ? args[6] : "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        String mode = args[1];
        DataType dtype = switch (args[2]) {
            case "bfloat16" -> DataType.BFLOAT16;
            case "float32" -> DataType.FLOAT32;
            default -> throw new IllegalArgumentException("dtype " + args[2]);
        };
        WeightQuantization quantization = args[3].equals("none") ? null
                : new WeightQuantization(Integer.parseInt(args[3]), WeightQuantization.AUTOMATIC);
        int batch = Integer.parseInt(args[4]);
        int length = Integer.parseInt(args[5]);
        Map<String, Object> line = new LinkedHashMap<>(Map.of("mode", mode, "dtype", args[2], "quantization", args[3],
                "batch", batch, "length", length));
        long start = System.nanoTime();
        try (LanguageModel model = LanguageModel.load(Path.of(args[0]), new ComputePlacement(Device.cpu(), dtype),
                quantization)) {
            line.put("load_s", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            line.put("weight_bytes_held", model.decoder().weights().quantized().values().stream()
                    .mapToLong(q -> q.bytes()).sum() + RunnerCase.weightBytes(model.decoder().weights().tensors().values()));
            line.put("tokens_per_s", mode.equals("decode") ? decode(model, batch, length) : train(model, batch, length));
        }
        line.put("peak_rss_bytes", PeakMemory.measure().rssBytes());
        System.out.println(new ObjectMapper().writeValueAsString(line));
    }

    private static double decode(LanguageModel model, int batch, int length) {
        SplittableRandom random = new SplittableRandom(0);
        List<long[]> prompts = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            prompts.add(random.longs(64, 0, 370).toArray());
        }
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        GenerationSettings many = GenerationSettings.greedy(length).withBatchSize(batch);
        GenerationSettings one = GenerationSettings.greedy(1).withBatchSize(batch);
        generator.generateFromIds(prompts, one, WeightDeltas.NONE); // warm-up
        long t0 = System.nanoTime();
        generator.generateFromIds(prompts, one, WeightDeltas.NONE);
        long t1 = System.nanoTime();
        List<Completion> done = generator.generateFromIds(prompts, many, WeightDeltas.NONE);
        long t2 = System.nanoTime();
        long steps = done.stream().mapToLong(c -> c.tokenIds().length - 1L).sum();
        return Math.round(steps / (((t2 - t1) - (t1 - t0)) / 1e9) * 10) / 10.0;
    }

    private static double train(LanguageModel model, int batch, int length) {
        SplittableRandom random = new SplittableRandom(0);
        List<TokenizedExample> rows = new ArrayList<>();
        for (int i = 0; i < 2 * batch; i++) {
            rows.add(new TokenizedExample("r" + i, random.longs(length, 0, 370).toArray(), 1, false));
        }
        TrainingSpec training = new TrainingSpec();
        training.setBatchSize(batch);
        training.setMaxSeqLength(length);
        training.setEpochs(1);
        training.setLoggingSteps(1);
        training.setGroupByLength(false);
        LoraSpec lora = new LoraSpec();
        lora.setRank(16);
        lora.setAlpha(32.0);
        lora.setDropout(0);
        lora.setTargetModules(List.of(TargetModule.values()));
        TrainLog log = new TrainLog();
        try (NDManager scope = model.manager().newSubManager()) {
            new LoraTrainer(model.decoder(), 0, training, lora).train(rows, List.of(), scope, log);
        }
        List<Double> elapsed = log.lines().stream().map(l -> (Double) l.get("elapsed_seconds")).toList();
        return Math.round(batch * (double) length / (elapsed.get(1) - elapsed.get(0)) * 10) / 10.0;
    }
}

package dev.kubetune.runner.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TrainingSpec;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.batch.LengthBatches;
import dev.kubetune.runner.lora.DropoutDeltas;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraInitializer;
import dev.kubetune.runner.model.Constants;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Supervised LoRA fine-tuning of a frozen decoder: AdamW (decoupled weight decay) with a warm-up and
 * decay schedule, micro-batches with gradient accumulation, global gradient-norm clipping, validation
 * loss after each epoch and optional early stopping. Deterministic for a seed: LoRA init and batch
 * order come from Java generators, dropout from the engine's generator seeded here.
 *
 * <p>Every array lives in {@code scope} (the adapter and optimizer state) or in a sub-manager per
 * optimizer step. Gradients accumulate across collectors, so they are zeroed after each step.
 */
public final class LoraTrainer {

    private final Decoder decoder;
    private final long padId;
    private final TrainingSpec training;
    private final LoraSpec lora;
    private long microBatchesRun;

    public LoraTrainer(Decoder decoder, long padId, TrainingSpec training, LoraSpec lora) {
        this.decoder = decoder;
        this.padId = padId;
        this.training = training;
        this.lora = lora;
    }

    public TrainingReport train(List<TokenizedExample> examples, List<TokenizedExample> validation, NDManager scope,
                                TrainLog log) {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) training.getSeed());
        LoraAdapter adapter = LoraInitializer.create(decoder.config(), decoder.weights(), lora, training.getSeed(), scope);
        WeightDeltas deltas = lora.getDropout() > 0 ? new DropoutDeltas(adapter, (float) lora.getDropout()) : adapter;
        int stepsPerEpoch = stepsPerEpoch(examples.size());
        int totalSteps = stepsPerEpoch * training.getEpochs();
        LearningRateSchedule schedule = LearningRateSchedule.of(training.getLearningRate(), training.getWarmupRatio(),
                totalSteps, training.getScheduler());
        Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(schedule)
                .optWeightDecays((float) training.getWeightDecay()).optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-8f)
                .build();
        List<Double> validationLosses = new ArrayList<>();
        long tokens = 0;
        long padding = 0;
        long paddingUngrouped = 0;
        int[] lengths = examples.stream().mapToInt(e -> e.tokens().length).toArray();
        int step = 0;
        int epochsRun = 0;
        double epochLoss = Double.NaN;
        boolean stoppedEarly = false;
        long start = System.nanoTime();
        try (Progress progress = Progress.start("train", totalSteps, "steps")) {
            for (int epoch = 0; epoch < training.getEpochs() && !stoppedEarly; epoch++) {
                double lossSum = 0;
                long lossTokens = 0;
                List<List<Integer>> microBatches = microBatches(lengths, epoch, training.isGroupByLength());
                padding += LengthBatches.padding(microBatches, lengths);
                paddingUngrouped += LengthBatches.padding(microBatches(lengths, epoch, false), lengths);
                for (List<List<TokenizedExample>> stepBatches : steps(examples, microBatches)) {
                    int responseTokens = stepBatches.stream().flatMap(List::stream)
                            .mapToInt(TokenizedExample::responseTokens).sum();
                    double rate = schedule.rate(step);
                    double stepLoss;
                    double gradNorm;
                    try (NDManager stepScope = scope.newSubManager()) {
                        stepLoss = accumulate(stepBatches, responseTokens, deltas, engine, stepScope);
                        if (!Double.isFinite(stepLoss)) {
                            throw new BadInputException("training: the loss became " + stepLoss + " at step " + (step + 1)
                                    + " of " + totalSteps + "; lower training.learningRate (" + training.getLearningRate()
                                    + ") or training.maxGradNorm");
                        }
                        gradNorm = clipAndUpdate(adapter, optimizer, stepScope);
                    }
                    step++;
                    lossSum += stepLoss * responseTokens;
                    lossTokens += responseTokens;
                    tokens += stepBatches.stream().flatMap(List::stream).mapToLong(e -> e.tokens().length).sum();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double tokensPerSecond = tokens / Math.max(seconds, 1e-9);
                    if (step % training.getLoggingSteps() == 0 || step == totalSteps) {
                        log.step(step, epoch + (double) stepInEpoch(step, stepsPerEpoch) / stepsPerEpoch, stepLoss,
                                rate, gradNorm, tokensPerSecond, seconds);
                    }
                    progress.step(1, String.format("loss %.4f · lr %.2e · %.0f tok/s", stepLoss, rate, tokensPerSecond));
                }
                epochLoss = lossSum / Math.max(1, lossTokens);
                epochsRun++;
                if (!validation.isEmpty()) {
                    double loss = meanLoss(validation, adapter, scope);
                    validationLosses.add(loss);
                    log.validation(step, epoch + 1, loss);
                    stoppedEarly = shouldStop(validationLosses);
                }
            }
        }
        adapter.modules().values().forEach(f -> {
            f.a().setRequiresGradient(false);
            f.b().setRequiresGradient(false);
        });
        return new TrainingReport(adapter, step, epochsRun, tokens, (System.nanoTime() - start) / 1e9, epochLoss,
                List.copyOf(validationLosses), (int) examples.stream().filter(TokenizedExample::truncated).count(),
                stoppedEarly, padding, paddingUngrouped);
    }

    /** Mean response-token loss of {@code examples} without dropout or gradients. */
    public double meanLoss(List<TokenizedExample> examples, WeightDeltas deltas, NDManager scope) {
        double sum = 0;
        long count = 0;
        for (int from = 0; from < examples.size(); from += training.getBatchSize()) {
            List<TokenizedExample> batch = examples.subList(from, Math.min(examples.size(), from + training.getBatchSize()));
            try (NDManager batchScope = scope.newSubManager()) {
                sum += ResponseLoss.sum(decoder, batch, padId, deltas, batchScope).getFloat();
            }
            count += batch.stream().mapToInt(TokenizedExample::responseTokens).sum();
        }
        return sum / Math.max(1, count);
    }

    /** Optimizer steps per epoch: micro-batches, grouped by gradient accumulation (the last group may be short). */
    public int stepsPerEpoch(int rows) {
        int microBatches = (rows + training.getBatchSize() - 1) / training.getBatchSize();
        return (microBatches + training.getGradientAccumulation() - 1) / training.getGradientAccumulation();
    }

    private static int stepInEpoch(int step, int stepsPerEpoch) {
        int inEpoch = step % stepsPerEpoch;
        return inEpoch == 0 ? stepsPerEpoch : inEpoch;
    }

    /** The epoch's micro-batches (row positions), shuffled by seed and epoch, grouped by length when asked. */
    private List<List<Integer>> microBatches(int[] lengths, int epoch, boolean byLength) {
        Random random = new Random(training.getSeed() * 1_000_003L + epoch);
        return byLength ? LengthBatches.shuffledByLength(lengths, training.getBatchSize(), random)
                : LengthBatches.shuffled(lengths.length, training.getBatchSize(), random);
    }

    /** The epoch's optimizer steps, each a list of micro-batches. */
    private List<List<List<TokenizedExample>>> steps(List<TokenizedExample> examples, List<List<Integer>> batches) {
        List<List<TokenizedExample>> microBatches = batches.stream()
                .map(batch -> batch.stream().map(examples::get).toList()).toList();
        List<List<List<TokenizedExample>>> steps = new ArrayList<>();
        for (int from = 0; from < microBatches.size(); from += training.getGradientAccumulation()) {
            steps.add(microBatches.subList(from, Math.min(microBatches.size(), from + training.getGradientAccumulation())));
        }
        return steps;
    }

    /**
     * Forward and backward of each micro-batch; returns the step's mean response-token loss. On a
     * quantized base (QLoRA) a layer's graph lives only while its gradient is computed
     * ({@link LayerwiseBackward}).
     */
    private double accumulate(List<List<TokenizedExample>> microBatches, int responseTokens, WeightDeltas deltas,
                              Engine engine, NDManager stepScope) {
        double lossSum = 0;
        boolean layerwise = !decoder.weights().quantized().isEmpty();
        for (List<TokenizedExample> batch : microBatches) {
            if (layerwise) {
                long seed = training.getSeed() * 1_000_003L + 4099L * microBatchesRun++;
                lossSum += LayerwiseBackward.run(decoder, ResponseLoss.of(batch, padId, stepScope), deltas,
                        responseTokens, engine, seed, stepScope);
                continue;
            }
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray nll = ResponseLoss.sum(decoder, batch, padId, deltas, stepScope);
                collector.backward(Constants.div(nll, responseTokens));
                lossSum += nll.getFloat();
            }
        }
        return lossSum / responseTokens;
    }

    /** Clips the global gradient norm to maxGradNorm (0: no clipping), steps AdamW, zeroes the gradients. */
    private double clipAndUpdate(LoraAdapter adapter, Optimizer optimizer, NDManager stepScope) {
        List<String> ids = new ArrayList<>();
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> gradients = new ArrayList<>();
        adapter.modules().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            ids.add(e.getKey() + ".lora_A");
            weights.add(e.getValue().a());
            ids.add(e.getKey() + ".lora_B");
            weights.add(e.getValue().b());
        });
        double squares = 0;
        for (NDArray weight : weights) {
            NDArray gradient = weight.getGradient();
            gradient.attach(stepScope);
            gradients.add(gradient);
            squares += gradient.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        double maxNorm = training.getMaxGradNorm();
        if (maxNorm > 0 && norm > maxNorm) {
            float factor = (float) (maxNorm / (norm + 1e-6));
            gradients.forEach(g -> g.muli(factor));
        }
        for (int i = 0; i < weights.size(); i++) {
            optimizer.update(ids.get(i), weights.get(i), gradients.get(i));
            gradients.get(i).subi(gradients.get(i));
        }
        return norm;
    }

    private boolean shouldStop(List<Double> losses) {
        Integer patience = training.getEarlyStoppingPatience();
        if (patience == null) {
            return false;
        }
        int best = 0;
        for (int i = 1; i < losses.size(); i++) {
            if (losses.get(i) < losses.get(best)) {
                best = i;
            }
        }
        return losses.size() - 1 - best >= patience;
    }
}

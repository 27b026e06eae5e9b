package dev.kubetune.runner.bench;

import ai.djl.ndarray.NDManager;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TargetModule;
import dev.kubetune.api.spec.TrainingSpec;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.train.LoraTrainer;
import dev.kubetune.runner.train.TokenizedExample;
import dev.kubetune.runner.train.TrainLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * LoRA training through {@link LoraTrainer} (AdamW, gradient clipping, the real step loop) on random
 * token rows of {@code seq} tokens, loss on every token but the first; alpha = 2 × rank like the
 * reference's scaling 2; rank on q_proj and v_proj, or on every projection. Tokens/s over the steps
 * after the warm-up ones.
 */
final class TrainRun {

    private TrainRun() {
    }

    static CaseResult run(LanguageModel model, BenchCase c, int warmup) {
        Random random = new Random(0);
        List<TokenizedExample> examples = new ArrayList<>();
        for (int i = 0; i < c.batch() * (warmup + c.steps()); i++) {
            long[] tokens = new long[c.seq()];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = random.nextInt(370);
            }
            examples.add(new TokenizedExample("r" + i, tokens, 1, false));
        }
        TrainingSpec training = new TrainingSpec();
        training.setBatchSize(c.batch());
        training.setMaxSeqLength(c.seq());
        training.setLearningRate(1e-4);
        training.setLoggingSteps(1);
        LoraSpec lora = new LoraSpec();
        lora.setRank(c.rank());
        lora.setAlpha(2.0 * c.rank());
        lora.setDropout(0);
        lora.setTargetModules(c.allProjections() ? List.of(TargetModule.values())
                : List.of(TargetModule.Q_PROJ, TargetModule.V_PROJ));
        long padId = model.config().eosTokenIds().isEmpty() ? 0 : model.config().eosTokenIds().get(0);
        TrainLog log = new TrainLog();
        try (NDManager scope = model.manager().newSubManager()) {
            new LoraTrainer(model.decoder(), padId, training, lora).train(examples, List.of(), scope, log);
        }
        List<Double> elapsed = log.lines().stream().map(l -> (Double) l.get("elapsed_seconds")).toList();
        double seconds = elapsed.get(elapsed.size() - 1) - (warmup == 0 ? 0 : elapsed.get(warmup - 1));
        return new CaseResult(null, c.batch() * (double) c.seq() * c.steps() / seconds, null);
    }
}

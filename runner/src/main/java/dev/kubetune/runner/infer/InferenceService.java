package dev.kubetune.runner.infer;

import dev.kubetune.runner.BadInputException;
import ai.djl.ndarray.NDManager;
import dev.kubetune.runner.batch.LengthBatches;
import dev.kubetune.api.spec.Scoring;
import dev.kubetune.runner.cache.CacheKey;
import dev.kubetune.runner.cache.CachedCompletion;
import dev.kubetune.runner.cache.ContentDigest;
import dev.kubetune.runner.cache.PredictionCache;
import dev.kubetune.runner.generate.Completion;
import dev.kubetune.runner.generate.GenerationSettings;
import dev.kubetune.runner.generate.Generator;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.generate.TokenLogprob;
import dev.kubetune.runner.progress.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@link InferencePlan}: loads the model (and adapter, unmerged), generates in batches of rows of
 * similar prompt length (longest first; predictions stay in row order) with a progress bar, reuses cached completions when a cache dir is set, and scores the predictions.
 */
public final class InferenceService {

    /** The report's entry saying which dtype and device ran ("bfloat16 on cpu"). */
    public static final String COMPUTE = "compute";

    private InferenceService() {
    }

    public static InferenceOutcome run(InferencePlan plan) {
        InferSettings s = plan.settings();
        ComputePlacement placement = ComputePlacement.choose(s.device(), s.dtype(), s.model());
        // stdout, beside the run's summary: stderr carries nothing but a failure's one line
        System.out.println("model " + s.model().getFileName() + ": computing in " + placement.describe());
        try (LanguageModel model = LanguageModel.load(s.model(), placement, s.quantization());
             NDManager adapterScope = model.manager().newSubManager()) {
            WeightDeltas adapter = s.adapter() == null ? WeightDeltas.NONE
                    : LoraAdapter.load(s.adapter(), model.config(), model.decoder().weights(), adapterScope);
            return run(plan, model, adapter);
        }
    }

    /** Runs the plan on a loaded model: the k-fold evaluation reuses the model it trained on. */
    /**
     * A prompt longer than the model's positions (max_position_embeddings) is bad input, found before any
     * generation: the model was not made for it, and its attention would need memory by the square of its length.
     */
    private static void checkLengths(InferencePlan plan, List<Integer> todo, LanguageModel model, GenerationSettings settings) {
        Integer max = model.config().maxPositionEmbeddings();
        if (max == null) {
            return;
        }
        for (int i : todo) {
            int tokens = plan.fitted().get(i).tokenIds().length;
            if (tokens + settings.maxNewTokens() > max) {
                throw new BadInputException("row '" + plan.rows().get(i).id() + "': the prompt is " + tokens
                        + " tokens, and with max_new_tokens " + settings.maxNewTokens() + " longer than the model's "
                        + max + " positions (max_position_embeddings in " + model.folder().resolve("config.json") + ")");
            }
        }
    }

    public static InferenceOutcome run(InferencePlan plan, LanguageModel model, WeightDeltas adapter) {
        InferSettings s = plan.settings();
        if (s.scoring() == Scoring.LIKELIHOOD) {
            return LikelihoodInference.run(plan, model, adapter);
        }
        GenerationSettings settings = s.generation();
        Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
        PredictionCache cache = s.cacheDir() == null ? null : new PredictionCache(s.cacheDir());
        List<CacheKey> keys = cacheKeys(plan, cache);
        List<CachedCompletion> done = new ArrayList<>();
        List<Long> latencyNanos = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < plan.rows().size(); i++) {
            Optional<CachedCompletion> hit = cache == null ? Optional.empty() : cache.get(keys.get(i));
            done.add(hit.orElse(null));
            if (hit.isEmpty()) {
                todo.add(i);
            }
        }
        checkLengths(plan, todo, model, settings);
        int[] lengths = todo.stream().mapToInt(i -> plan.fitted().get(i).tokenIds().length).toArray();
        List<List<Integer>> batches = LengthBatches.byLength(lengths, settings.batchSize());
        long start = System.nanoTime();
        try (Progress progress = Progress.start("infer", plan.rows().size(), "rows")) {
            progress.step(plan.rows().size() - todo.size(), null);
            long generated = 0;
            for (List<Integer> positions : batches) {
                List<Integer> batch = positions.stream().map(todo::get).toList();
                List<Completion> completions = generator.generateFromIds(batch.stream().map(i -> plan.fitted().get(i).tokenIds()).toList(),
                        settings, adapter);
                for (int j = 0; j < batch.size(); j++) {
                    Completion c = completions.get(j);
                    CachedCompletion made = cached(c, settings.topLogprobs() > 0);
                    done.set(batch.get(j), made);
                    latencyNanos.add(c.latencyNanos());
                    generated += c.tokenIds().length;
                    if (cache != null) {
                        cache.put(keys.get(batch.get(j)), made);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.step(batch.size(), String.format("%.0f tok/s", generated / Math.max(seconds, 1e-9)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        InferenceOutcome scored = InferenceScoring.score(plan, done, latencyNanos, seconds, todo.size(), parameterCount(model));
        Map<String, Object> report = new LinkedHashMap<>(scored.report());
        report.put(COMPUTE, model.placement().describe());
        report.put("padding_tokens", LengthBatches.padding(batches, lengths));
        report.put("padding_tokens_in_row_order",
                LengthBatches.padding(LengthBatches.inOrder(lengths.length, settings.batchSize()), lengths));
        return new InferenceOutcome(scored.predictions(), report, scored.scalars());
    }

    private static List<CacheKey> cacheKeys(InferencePlan plan, PredictionCache cache) {
        if (cache == null) {
            return List.of();
        }
        InferSettings s = plan.settings();
        String model = ContentDigest.ofFolder(s.model()) + (s.quantization() == null ? "" : " " + s.quantization().describe());
        String adapter = ContentDigest.ofOptionalFolder(s.adapter());
        return plan.prompts().stream().map(p -> CacheKey.of(model, adapter, p, s.generation())).toList();
    }

    private static CachedCompletion cached(Completion c, boolean withLogprobs) {
        List<List<TokenLogprob>> logprobs = null;
        if (withLogprobs) {
            logprobs = c.topLogprobs();
        }
        return new CachedCompletion(ints(c.promptTokenIds()), c.text(), ints(c.tokenIds()), logprobs);
    }

    private static List<Integer> ints(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).boxed().toList();
    }

    static long parameterCount(LanguageModel model) {
        return model.decoder().weights().tensors().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }
}

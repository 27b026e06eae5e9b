package dev.kubetune.runner.kfold;

import dev.kubetune.runner.task.TaskInputs;
import dev.kubetune.runner.task.TrainedRows;

import ai.djl.ndarray.NDManager;
import dev.kubetune.api.contract.ArtifactLayout;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.EnvironmentFault;
import dev.kubetune.runner.output.StagedFolder;
import dev.kubetune.runner.infer.InferSettings;
import dev.kubetune.runner.infer.InferenceOutcome;
import dev.kubetune.runner.infer.InferencePlan;
import dev.kubetune.runner.infer.InferenceService;
import dev.kubetune.runner.lora.LoraAdapterWriter;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.output.AtomicFileWriter;
import dev.kubetune.runner.output.MetricsWriter;
import dev.kubetune.runner.output.PredictionWriter;
import dev.kubetune.runner.prompt.PromptFitter;
import dev.kubetune.runner.train.ExampleEncoder;
import dev.kubetune.runner.train.LoraTrainer;
import dev.kubetune.runner.train.TokenizedExample;
import dev.kubetune.runner.train.TrainLog;
import dev.kubetune.runner.train.TrainingReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One fold of a FoldTraining, what its pod (or the local executor) runs: split the selected rows as the
 * planner does, train a LoRA adapter on the other folds (minus the validation hold-out), evaluate it on
 * the held-out fold through the inference path, and write the fold's artifacts under
 * {@code <output volume>/<namespace>/<name>/fold-i/}. Every array of the fold lives in one sub-manager
 * of the model's, closed before the call returns.
 */
public final class FoldUnit {

    /** Loads the model, runs fold {@code fold} of {@code task} and frees the model. */
    public RunnerResult run(RunnerTask task, int fold) {
        FoldTrainingSpec spec = requireFoldTraining(task);
        Path model = TaskInputs.resolve(task, spec.getModel().getVolume(), spec.getModel().getPath());
        try (LanguageModel loaded = TaskInputs.loadModel(model, spec.getModel())) {
            return run(task, fold, loaded);
        }
    }

    /** Runs fold {@code fold} on a model already loaded from the task's model folder (the local executor reuses it). */
    public RunnerResult run(RunnerTask task, int fold, LanguageModel model) {
        long start = System.nanoTime();
        FoldTrainingSpec spec = requireFoldTraining(task);
        WorkUnit unit = WorkUnit.fold(fold);
        Path outputRoot = TaskInputs.outputRoot(task, spec);
        try (StagedFolder staged = StagedFolder.begin(outputRoot.resolve(ArtifactLayout.unitDir(task.namespace(), task.name(), unit)))) {
            RunnerResult result = run(task, fold, model, staged.path(), start);
            staged.commit();
            return result;
        }
    }

    /** The fold's work, its artifacts written into {@code unitDir} (the staged unit folder). */
    private RunnerResult run(RunnerTask task, int fold, LanguageModel model, Path unitDir, long start) {
        FoldTrainingSpec spec = task.foldTraining();
        WorkUnit unit = WorkUnit.fold(fold);
        InferSettings settings = FoldInferSettings.of(task, unitDir);
        InferencePlan selected = InferencePlan.prepare(settings);
        FoldRows rows = FoldRows.of(selected.rows(), spec, fold);
        PromptFitter prompts = new PromptFitter(selected.promptBuilder(), model.tokenizer(), settings.truncation());
        List<Integer> eos = model.config().eosTokenIds();
        if (eos.isEmpty()) {
            throw new BadInputException(model.folder() + ": the model names no eos_token_id to end responses with");
        }
        ExampleEncoder encoder = new ExampleEncoder(prompts, eos.get(0), trainingLength(spec, model), settings.maxInputTokens());
        List<TokenizedExample> train = encode(rows.train(), selected, encoder);
        List<TokenizedExample> validation = encode(rows.validation(), selected, encoder);
        try (NDManager foldScope = model.manager().newSubManager()) {
            TrainLog log = new TrainLog();
            TrainingReport training = new LoraTrainer(model.decoder(), eos.get(0), spec.getTraining(), spec.getLora())
                    .train(train, validation, foldScope, log);
            Path adapterDir = unitDir.resolve(ArtifactLayout.ADAPTER_DIR);
            long adapterBytes = LoraAdapterWriter.write(training.adapter(), spec.getModel().getPath(),
                    spec.getLora().getDropout(), adapterDir);
            InferencePlan test = selected.subset(rows.test());
            InferenceOutcome outcome = InferenceService.run(test, model, training.adapter());
            int validationTruncated = (int) validation.stream().filter(TokenizedExample::truncated).count();
            int truncated = training.truncatedRows() + validationTruncated + test.truncatedRows();
            new PredictionWriter().write(settings.output(), settings.outputFormat(), outcome.predictions());
            log.write(unitDir.resolve(ArtifactLayout.TRAIN_LOG_FILE));
            TrainedRows.write(unitDir, rows.train().stream().map(i -> selected.rows().get(i).id()).toList());
            new MetricsWriter().write(settings.metrics(), FoldMetrics.report(outcome, training, rows, adapterBytes,
                    validationTruncated));
            String relative = ArtifactLayout.unitDir(task.namespace(), task.name(), unit) + "/";
            RunnerResult result = new RunnerResult(unit.name(), true, null,
                    "trained and evaluated in " + model.placement().describe(),
                    FoldMetrics.scalars(spec.getEvaluation().getMetrics(), outcome, training, truncated),
                    relative + ArtifactLayout.ADAPTER_DIR, adapterBytes,
                    relative + settings.output().getFileName(), relative + ArtifactLayout.METRICS_FILE,
                    rows.test().size(), rows.train().size(), rows.validation().size(), (System.nanoTime() - start) / 1e9,
                    truncated);
            byte[] json = result.toJson().getBytes(StandardCharsets.UTF_8);
            AtomicFileWriter.write(unitDir.resolve(ArtifactLayout.RESULT_FILE), out -> out.write(json));
            return result;
        } catch (IOException e) {
            throw EnvironmentFault.writing(unitDir, e);
        }
    }

    private static List<TokenizedExample> encode(List<Integer> positions, InferencePlan selected, ExampleEncoder encoder) {
        return positions.stream().map(i -> encoder.encode(selected.rows().get(i))).toList();
    }

    /** training.maxSeqLength, or the model's context when that is shorter: nothing runs past the context. */
    private static int trainingLength(FoldTrainingSpec spec, LanguageModel model) {
        Integer context = model.config().maxPositionEmbeddings();
        int length = spec.getTraining().getMaxSeqLength();
        return context == null ? length : Math.min(length, context);
    }

    private static FoldTrainingSpec requireFoldTraining(RunnerTask task) {
        if (task.foldTraining() == null) {
            throw new BadInputException(task.kind() + "/" + task.name() + ": not a FoldTraining task");
        }
        return task.foldTraining();
    }
}

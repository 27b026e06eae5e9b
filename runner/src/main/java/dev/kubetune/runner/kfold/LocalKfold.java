package dev.kubetune.runner.kfold;

import dev.kubetune.runner.task.TaskInputs;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldSummary;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.status.AdapterArtifact;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.output.MetricsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every fold of a FoldTraining on this machine, one after the other, on one loaded model (each fold's
 * arrays are freed before the next starts), then the summary over folds exactly as the operator computes
 * it into status ({@link FoldTrainingStatusLogic}), also written to {@code <namespace>/<name>/summary.json}.
 */
public final class LocalKfold {

    /** The folds' results, in fold order, and their summary. */
    public record Outcome(List<RunnerResult> folds, FoldSummary summary) {}

    public static final String SUMMARY_FILE = "summary.json";

    private LocalKfold() {
    }

    public static Outcome run(FoldTraining training, RunnerTask task) {
        int k = training.getSpec().getFolds().getK();
        List<RunnerResult> results = new ArrayList<>();
        Path model = TaskInputs.resolve(task, training.getSpec().getModel().getVolume(), training.getSpec().getModel().getPath());
        try (LanguageModel loaded = TaskInputs.loadModel(model, training.getSpec().getModel())) {
            FoldUnit unit = new FoldUnit();
            for (int fold = 0; fold < k; fold++) {
                System.err.printf("fold %d/%d%n", fold + 1, k);
                results.add(unit.run(task, fold, loaded));
            }
        }
        FoldSummary summary = summarize(training, results);
        Path file = TaskInputs.outputRoot(task, training.getSpec())
                .resolve(task.namespace()).resolve(task.name()).resolve(SUMMARY_FILE);
        try {
            new MetricsWriter().write(file, summary);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
        return new Outcome(List.copyOf(results), summary);
    }

    /** The summary the operator would record for these results (mean, sample std, best fold). */
    public static FoldSummary summarize(FoldTraining training, List<RunnerResult> results) {
        FoldTrainingStatus status = new FoldTrainingStatus();
        List<FoldStatus> folds = new ArrayList<>();
        for (RunnerResult r : results) {
            FoldStatus fold = new FoldStatus();
            fold.setIndex(WorkUnit.parse(r.unit()).index());
            fold.setPhase(r.succeeded() ? UnitPhase.Succeeded : UnitPhase.Failed);
            fold.setMetrics(r.metrics());
            fold.setTrainRows(r.trainRows());
            fold.setValidationRows(r.validationRows());
            fold.setTestRows(r.rows());
            fold.setTruncatedRows(r.truncatedRows());
            AdapterArtifact adapter = new AdapterArtifact();
            adapter.setPath(r.adapterPath());
            adapter.setSizeBytes(r.adapterBytes());
            fold.setAdapter(adapter);
            folds.add(fold);
        }
        status.setFolds(folds);
        training.setStatus(status);
        FoldTrainingStatusLogic.update(training, Instant.now());
        return status.getSummary();
    }
}

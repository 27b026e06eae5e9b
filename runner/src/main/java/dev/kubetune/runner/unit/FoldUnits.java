package dev.kubetune.runner.unit;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.runner.kfold.FoldUnit;

/** Fold units: train the fold's adapter and evaluate it ({@link FoldUnit}). */
final class FoldUnits {

    private FoldUnits() {
    }

    static RunnerResult run(RunnerTask task, int fold) {
        return new FoldUnit().run(task, fold);
    }
}

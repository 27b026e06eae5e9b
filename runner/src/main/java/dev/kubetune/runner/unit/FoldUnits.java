package dev.kubetune.runner.unit;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.RunnerTask;
import dev.kubetune.runner.BadInputException;

/** Where fold units are run; the training module plugs in here. */
final class FoldUnits {

    private FoldUnits() {
    }

    static RunnerResult run(RunnerTask task, int fold) {
        throw new BadInputException(task.kind() + "/" + task.name() + ": this runner build cannot train folds yet");
    }
}

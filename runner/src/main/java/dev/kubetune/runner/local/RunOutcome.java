package dev.kubetune.runner.local;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitStatus;
import java.util.List;

/**
 * The exit code of a {@code kubetune run}, by the runner contract: 0 when every unit succeeded, 65 when a
 * unit failed with bad input (running again cannot help), 143 when a signal stopped the run first, and 1
 * for other failures (retryable).
 */
final class RunOutcome {

    /** The reason a unit stopped by a signal carries until it runs again. */
    static final String INTERRUPTED = "Interrupted";

    private RunOutcome() {
    }

    static int exitCode(List<LocalExperiment> experiments, boolean stopped) {
        List<UnitStatus> units = experiments.stream().flatMap(e -> e.units.values().stream()).toList();
        if (units.stream().allMatch(u -> u.getPhase() == UnitPhase.Succeeded)) {
            return ExitCodes.DONE;
        }
        if (units.stream().anyMatch(u -> u.getPhase() == UnitPhase.Failed && ConditionReason.BAD_INPUT.equals(u.getFailureReason()))) {
            return ExitCodes.BAD_INPUT;
        }
        return stopped ? ExitCodes.INTERRUPTED : 1;
    }
}

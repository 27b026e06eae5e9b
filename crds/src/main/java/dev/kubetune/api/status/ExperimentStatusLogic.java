package dev.kubetune.api.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The part of status logic that FoldTraining and InferenceRun share: the phase from the units'
 * phases, and the conditions from the phase. The operator and the local executor both call it, so a
 * resource reads the same wherever it ran.
 */
public final class ExperimentStatusLogic {

    private ExperimentStatusLogic() {
    }

    /**
     * The phase: Failed when a unit failed for good; Succeeded when all {@code total} units
     * succeeded; otherwise Waiting (waiting for another resource), Suspended, Running (a unit runs)
     * or Pending.
     */
    public static Phase phase(List<? extends UnitStatus> units, int total, boolean suspended, boolean waiting) {
        if (units.stream().anyMatch(u -> u.getPhase() == UnitPhase.Failed)) {
            return Phase.Failed;
        }
        long succeeded = units.stream().filter(u -> u.getPhase() == UnitPhase.Succeeded).count();
        if (total > 0 && succeeded == total) {
            return Phase.Succeeded;
        }
        if (waiting) {
            return Phase.Waiting;
        }
        if (suspended) {
            return Phase.Suspended;
        }
        return units.stream().anyMatch(u -> u.getPhase() == UnitPhase.Running) ? Phase.Running : Phase.Pending;
    }

    /** "succeeded/total", as the Folds / Shards printer column shows it. */
    public static String progress(List<? extends UnitStatus> units, int total) {
        long succeeded = units.stream().filter(u -> u.getPhase() == UnitPhase.Succeeded).count();
        return succeeded + "/" + total;
    }

    /** The succeeded units' truncatedRows added up; null while no succeeded unit reported the count. */
    public static Integer truncatedRows(List<? extends UnitStatus> units) {
        List<Integer> counts = units.stream().filter(u -> u.getPhase() == UnitPhase.Succeeded)
                .map(UnitStatus::getTruncatedRows).filter(Objects::nonNull).toList();
        return counts.isEmpty() ? null : counts.stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Sets phase, observedGeneration and the five conditions from the phase.
     *
     * @param waitingReason why it waits (WaitingForFoldTraining, FoldTrainingNotFound, FoldTrainingFailed), when Waiting
     * @param waitingFor what the resource waits for (e.g. "FoldTraining/notes"), when Waiting
     */
    public static void apply(ExperimentStatus status, Phase phase, List<? extends UnitStatus> units, int total,
                             String waitingReason, String waitingFor, long generation, Instant now) {
        String waiting = waitingReason == null ? ConditionReason.WAITING_FOR_FOLD_TRAINING : waitingReason;
        status.setPhase(phase);
        status.setObservedGeneration(generation);
        List<io.fabric8.kubernetes.api.model.Condition> conditions = status.getConditions();
        String progress = progress(units, total) + " units succeeded";
        UnitStatus failed = units.stream().filter(u -> u.getPhase() == UnitPhase.Failed).findFirst().orElse(null);
        Conditions.set(conditions, ConditionType.READY, phase == Phase.Succeeded,
                phase == Phase.Succeeded ? ConditionReason.ALL_UNITS_SUCCEEDED : notReadyReason(phase, failed, waiting),
                progress, generation, now);
        Conditions.set(conditions, ConditionType.PROGRESSING, phase == Phase.Running || phase == Phase.Pending,
                phase == Phase.Running ? ConditionReason.UNITS_RUNNING : notReadyReason(phase, failed, waiting), progress,
                generation, now);
        Conditions.set(conditions, ConditionType.FAILED, phase == Phase.Failed,
                failed == null ? ConditionReason.NO_FAILURE : failureReason(failed),
                failed == null ? "no unit failed" : unitMessage(failed), generation, now);
        Conditions.set(conditions, ConditionType.SUSPENDED, phase == Phase.Suspended,
                phase == Phase.Suspended ? ConditionReason.SUSPENDED : ConditionReason.NOT_SUSPENDED,
                phase == Phase.Suspended ? "spec.suspend is true" : "spec.suspend is false", generation, now);
        Conditions.set(conditions, ConditionType.WAITING, phase == Phase.Waiting,
                phase == Phase.Waiting ? waiting : ConditionReason.NOT_WAITING,
                waitingFor == null ? "waiting for nothing" : "waiting for " + waitingFor, generation, now);
    }

    private static String notReadyReason(Phase phase, UnitStatus failed, String waiting) {
        return switch (phase) {
            case Failed -> failureReason(failed);
            case Suspended -> ConditionReason.SUSPENDED;
            case Waiting -> waiting;
            case Running -> ConditionReason.UNITS_RUNNING;
            case Succeeded -> ConditionReason.ALL_UNITS_SUCCEEDED;
            default -> ConditionReason.UNITS_PENDING;
        };
    }

    private static String failureReason(UnitStatus failed) {
        return failed.getFailureReason() == null ? ConditionReason.BACKOFF_LIMIT_EXCEEDED : failed.getFailureReason();
    }

    private static String unitMessage(UnitStatus failed) {
        String unit = failed.getJob() == null ? "unit " + failed.getIndex() : failed.getJob();
        return failed.getMessage() == null ? unit + " failed" : unit + ": " + failed.getMessage();
    }
}

package dev.kubetune.operator.foldtraining;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.operator.children.InputsCheck;
import dev.kubetune.operator.harvest.JobHarvester;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which fold Jobs to replace and which to create (pure); {@code spec.suspend} of the others: {@link dev.kubetune.operator.children.JobSuspension}. */
public final class FoldSchedule {

    private FoldSchedule() {
    }

    /**
     * The folds whose Job is stale for {@code spec}: a fold that no longer exists (k shrank), or a Job
     * whose inputs hash is not the current spec's for that fold, finished or not (a succeeded fold
     * whose inputs changed is run again; a failed one gets another chance with the new inputs).
     */
    public static Set<Integer> stale(FoldTrainingSpec spec, List<WorkUnit> folds, Map<Integer, Job> jobs) {
        Set<Integer> stale = new TreeSet<>();
        for (Map.Entry<Integer, Job> e : jobs.entrySet()) {
            Optional<WorkUnit> fold = folds.stream().filter(f -> f.index() == e.getKey()).findFirst();
            if (fold.isEmpty() || InputsCheck.stale(e.getValue(), InputsHash.of(spec, fold.get().name()))) {
                stale.add(e.getKey());
            }
        }
        return stale;
    }

    /**
     * The folds to create now: those without a Job and not already {@code done} (succeeded, their
     * Job since deleted), in index order, so that at most
     * {@code maxParallelFolds} (null: all) Jobs are unfinished; none while suspended or once a fold
     * failed for good (the training has failed; its GPUs are better spent elsewhere).
     */
    public static List<WorkUnit> toCreate(List<WorkUnit> folds, Map<Integer, Job> jobs, Set<Integer> done,
                                          Integer maxParallelFolds, boolean suspend, boolean failed) {
        if (suspend || failed) {
            return List.of();
        }
        long unfinished = jobs.values().stream().filter(j -> !JobHarvester.isFinished(j)).count();
        long slots = maxParallelFolds == null ? Long.MAX_VALUE : Math.max(0, maxParallelFolds - unfinished);
        return folds.stream().filter(f -> !jobs.containsKey(f.index()) && !done.contains(f.index()))
                .limit(slots).toList();
    }
}

package dev.kubetune.operator.foldtraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.ChildMetadata;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.api.plan.UnitPlanner;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldScheduleTest {

    static final List<WorkUnit> FOLDS = List.of(WorkUnit.fold(0), WorkUnit.fold(1), WorkUnit.fold(2), WorkUnit.fold(3));

    @Test
    void allFoldsAtOnceWithoutALimit() {
        assertThat(FoldSchedule.toCreate(FOLDS, Map.of(), Set.of(), null, false, false)).isEqualTo(FOLDS);
    }

    @Test
    void unfinishedJobsTakeSlots() {
        Map<Integer, Job> jobs = Map.of(0, job(false, "Complete"), 1, job(false, null));
        assertThat(FoldSchedule.toCreate(FOLDS, jobs, Set.of(), 2, false, false)).containsExactly(WorkUnit.fold(2));
        assertThat(FoldSchedule.toCreate(FOLDS, jobs, Set.of(), 1, false, false)).isEmpty();
    }

    @Test
    void harvestedFoldsAreNotRunAgain() {
        assertThat(FoldSchedule.toCreate(FOLDS, Map.of(), Set.of(0, 2), 1, false, false)).containsExactly(WorkUnit.fold(1));
    }

    @Test
    void nothingNewWhileSuspendedOrFailed() {
        assertThat(FoldSchedule.toCreate(FOLDS, Map.of(), Set.of(), null, true, false)).isEmpty();
        assertThat(FoldSchedule.toCreate(FOLDS, Map.of(0, job(false, "Failed")), Set.of(), null, false, true)).isEmpty();
    }

    @Test
    void jobsOfOtherInputsOrOfGoneFoldsAreStale() {
        FoldTraining training = training(3, 1);
        List<WorkUnit> folds = UnitPlanner.units(training.getSpec());
        Map<Integer, Job> jobs = Map.of(
                0, hashed(job(false, "Complete"), InputsHash.of(training.getSpec(), "fold-0")),
                1, hashed(job(false, null), InputsHash.of(training(3, 2).getSpec(), "fold-1")),
                2, job(false, null),
                3, hashed(job(false, null), InputsHash.of(training(4, 1).getSpec(), "fold-3")));
        assertThat(FoldSchedule.stale(training.getSpec(), folds, jobs)).containsExactly(1, 2, 3);

        FoldTraining scheduled = training(3, 1);
        scheduled.getSpec().getScheduling().setPriorityClassName("research-low");
        scheduled.getSpec().getScheduling().setMaxParallelFolds(1);
        assertThat(FoldSchedule.stale(scheduled.getSpec(), folds, Map.of(0, jobs.get(0))))
                .as("scheduling is not an input").isEmpty();
    }

    static FoldTraining training(int k, int epochs) {
        return Serialization.unmarshal("""
                apiVersion: kubetune.dev/v1alpha1
                kind: FoldTraining
                metadata: {name: t, namespace: ns}
                spec:
                  model: {volume: models, path: tiny-llama}
                  dataset: {volume: data, path: notes.jsonl, labelField: label}
                  prompt: {template: "{{ text }}", labels: [a, b]}
                  folds: {k: %d}
                  training: {epochs: %d}
                """.formatted(k, epochs), FoldTraining.class);
    }

    static Job hashed(Job job, String hash) {
        job.getMetadata().setAnnotations(Map.of(ChildMetadata.ANNOTATION_INPUTS_HASH, hash));
        return job;
    }

    static Job job(boolean suspended, String finished) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("j").endMetadata()
                .withNewSpec().withSuspend(suspended).endSpec();
        if (finished != null) {
            b.withNewStatus().addNewCondition().withType(finished).withStatus("True").endCondition().endStatus();
        }
        return b.build();
    }
}

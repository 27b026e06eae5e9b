package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

class InputsHashTest {

    static String hashOf(Job job) {
        return job.getMetadata().getAnnotations().get("kubetune.dev/inputs-hash");
    }

    static String foldHash(FoldTraining training, int fold) {
        return hashOf(JobFactory.foldJob(training, WorkUnit.fold(fold), JobDefaults.standard()));
    }

    @Test
    void everyJobCarriesAStableSha256OfItsInputs() {
        String hash = foldHash(Manifests.foldTraining(), 1);

        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(foldHash(Manifests.foldTraining(), 1));
        assertThat(foldHash(Manifests.foldTraining(), 2)).as("another fold").isNotEqualTo(hash);
    }

    @Test
    void changesWhenWhatTheFoldLearnsFromChanges() {
        String before = foldHash(Manifests.foldTraining(), 0);

        FoldTraining moreEpochs = Manifests.foldTraining();
        moreEpochs.getSpec().getTraining().setEpochs(moreEpochs.getSpec().getTraining().getEpochs() + 1);
        FoldTraining otherSeed = Manifests.foldTraining();
        otherSeed.getSpec().getFolds().setSeed(8);
        FoldTraining otherData = Manifests.foldTraining();
        otherData.getSpec().getDataset().setPath("other.csv");
        FoldTraining otherRank = Manifests.foldTraining();
        otherRank.getSpec().getLora().setRank(16);

        assertThat(foldHash(moreEpochs, 0)).isNotEqualTo(before);
        assertThat(foldHash(otherSeed, 0)).isNotEqualTo(before);
        assertThat(foldHash(otherData, 0)).isNotEqualTo(before);
        assertThat(foldHash(otherRank, 0)).isNotEqualTo(before);
    }

    @Test
    void staysWhenOnlySchedulingOrResourcesChange() {
        String before = foldHash(Manifests.foldTraining(), 0);

        FoldTraining moved = Manifests.foldTraining();
        moved.getSpec().getScheduling().setQueueName("other-queue");
        moved.getSpec().getScheduling().setPriorityClassName(null);
        moved.getSpec().getResources().setGpus(4);
        moved.getSpec().setSuspend(true);
        moved.getSpec().setBackoffLimit(0);

        assertThat(foldHash(moved, 0)).isEqualTo(before);
    }

    @Test
    void anInferenceRunsHashFollowsItsResolvedAdapter() {
        InferenceRun run = Manifests.inferenceRun();
        JobDefaults defaults = JobDefaults.standard();

        String unresolved = hashOf(JobFactory.shardsJob(run, null, defaults));
        String fold2 = hashOf(JobFactory.shardsJob(run, "research/notes/fold-2/adapter", defaults));
        String fold3 = hashOf(JobFactory.shardsJob(run, "research/notes/fold-3/adapter", defaults));

        assertThat(unresolved).isNotEqualTo(fold2);
        assertThat(fold2).isNotEqualTo(fold3);
        run.getSpec().getGeneration().setMaxNewTokens(99);
        assertThat(hashOf(JobFactory.shardsJob(run, "research/notes/fold-2/adapter", defaults))).isNotEqualTo(fold2);
    }
}

package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobFactoryTest {

    static final JobDefaults DEFAULTS = JobDefaults.standard();

    static Container runner(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void oneJobPerFoldNamedAfterTheFold() {
        List<Job> jobs = JobFactory.jobs(Manifests.foldTraining(), null, DEFAULTS);

        assertThat(jobs).extracting(j -> j.getMetadata().getName())
                .containsExactly("notes-fold-0", "notes-fold-1", "notes-fold-2", "notes-fold-3");
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.getApiVersion()).isEqualTo("batch/v1");
            assertThat(job.getKind()).isEqualTo("Job");
            assertThat(job.getMetadata().getNamespace()).isEqualTo("research");
            assertThat(job.getSpec().getCompletions()).isEqualTo(1);
            assertThat(job.getSpec().getParallelism()).isEqualTo(1);
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
            assertThat(job.getSpec().getBackoffLimit()).isEqualTo(5);
        });
    }

    @Test
    void theFoldIsTheUnitArgumentAndLabel() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(3), DEFAULTS);

        assertThat(runner(job).getArgs()).containsExactly("unit", "--task", "/etc/kubetune/task.yaml",
                "--unit", "fold-3", "--result-file", "/dev/termination-log");
        assertThat(job.getMetadata().getLabels()).containsEntry("kubetune.dev/unit", "fold-3");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("kubetune.dev/unit", "fold-3");
    }

    @Test
    void isOwnedByTheResourceAndLabelledAsItsChild() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS);

        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getApiVersion()).isEqualTo("kubetune.dev/v1alpha1");
            assertThat(owner.getKind()).isEqualTo("FoldTraining");
            assertThat(owner.getName()).isEqualTo("notes");
            assertThat(owner.getUid()).isEqualTo("1111-2222");
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(job.getMetadata().getLabels()).contains(
                entry("app.kubernetes.io/name", "kubetune"),
                entry("app.kubernetes.io/component", "runner"),
                entry("app.kubernetes.io/managed-by", "kubetune-operator"),
                entry("app.kubernetes.io/instance", "notes"),
                entry("kubetune.dev/name", "notes"),
                entry("kubetune.dev/kind", "FoldTraining"),
                entry("kubetune.dev/unit", "fold-0"));
    }

    @Test
    void aQueueNameGivesTheKueueLabelAndASuspendedJob() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS);

        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "gpu-queue");
        assertThat(job.getSpec().getSuspend()).isTrue();
    }

    @Test
    void withoutKueueTheQueueIsIgnoredAndTheJobRuns() {
        JobDefaults noKueue = new JobDefaults("img", null, "nvidia.com/gpu", false);

        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), noKueue);

        assertThat(job.getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");
        assertThat(job.getSpec().getSuspend()).isFalse();
    }

    @Test
    void specSuspendSuspendsTheJobWithoutAQueue() {
        FoldTraining training = Manifests.foldTraining();
        training.getSpec().getScheduling().setQueueName(null);
        assertThat(JobFactory.foldJob(training, WorkUnit.fold(0), DEFAULTS).getSpec().getSuspend()).isFalse();

        training.getSpec().setSuspend(true);

        Job job = JobFactory.foldJob(training, WorkUnit.fold(0), DEFAULTS);
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");
    }

    @Test
    void badInputFailsTheJobAndDisruptionsAreNotCounted() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS);

        List<PodFailurePolicyRule> rules = job.getSpec().getPodFailurePolicy().getRules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("runner");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(65);
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("DisruptionTarget");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(runner(job).getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(runner(job).getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    }
}

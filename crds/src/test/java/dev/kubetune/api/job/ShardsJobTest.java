package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.inferencerun.InferenceRun;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsJobTest {

    @Test
    void anInferenceRunIsOneIndexedJobWithAPodPerShard() {
        List<Job> jobs = JobFactory.jobs(Manifests.inferenceRun(), null, JobDefaults.standard());

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).isEqualTo("notes-best-shards");
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            assertThat(job.getSpec().getCompletions()).isEqualTo(4);
            assertThat(job.getSpec().getParallelism()).isEqualTo(4);
            assertThat(job.getSpec().getBackoffLimit()).as("the default").isEqualTo(2);
            assertThat(job.getSpec().getSuspend()).isFalse();
            assertThat(job.getMetadata().getLabels())
                    .containsEntry("kubetune.dev/unit", "shards")
                    .containsEntry("kubetune.dev/kind", "InferenceRun")
                    .containsEntry("app.kubernetes.io/instance", "notes-best");
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly(
                    "unit", "--task", "/etc/kubetune/task.yaml", "--unit", "shard-$(JOB_COMPLETION_INDEX)",
                    "--result-file", "/dev/termination-log");
            assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("InferenceRun");
                assertThat(owner.getName()).isEqualTo("notes-best");
                assertThat(owner.getUid()).isEqualTo("3333-4444");
            });
        });
    }

    @Test
    void aLongResourceNameGivesAStableJobNameWithin63Characters() {
        InferenceRun run = Manifests.inferenceRun();
        String longName = "clinical-notes-llama-3-1-8b-instruct-zero-shot-baseline-test-split";
        run.getMetadata().setName(longName);

        String first = JobFactory.shardsJob(run, null, JobDefaults.standard()).getMetadata().getName();
        String again = JobFactory.shardsJob(run, null, JobDefaults.standard()).getMetadata().getName();

        assertThat(first).hasSizeLessThanOrEqualTo(63).isEqualTo(again).doesNotEndWith("-")
                .isEqualTo(KubeNames.safe(longName + "-shards"))
                .startsWith("clinical-notes-llama-3-1-8b-instruct-zero-shot-baselin-");
        Job job = JobFactory.shardsJob(run, null, JobDefaults.standard());
        assertThat(job.getMetadata().getLabels().values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(63));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName())
                .isEqualTo(KubeNames.configMap(longName));
    }

    @Test
    void withoutIndexedJobsEachShardIsItsOwnJobAndFieldsTheServerDropsAreLeftOut() {
        InferenceRun run = Manifests.inferenceRun();
        run.getSpec().getScheduling().setQueueName("gpu-queue");
        JobDefaults kubernetes120 = JobDefaults.standard().withFeatures(JobApiFeatures.of("1", "20"));

        List<Job> jobs = JobFactory.jobs(run, null, kubernetes120);

        assertThat(jobs).extracting(j -> j.getMetadata().getName())
                .containsExactly("notes-best-shard-0", "notes-best-shard-1", "notes-best-shard-2", "notes-best-shard-3");
        assertThat(JobFactory.shardJobUnits(run, kubernetes120)).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
        Job second = jobs.get(1);
        assertThat(second.getSpec().getCompletions()).isEqualTo(1);
        assertThat(second.getSpec().getParallelism()).isEqualTo(1);
        assertThat(second.getSpec().getCompletionMode()).isNull();
        assertThat(second.getSpec().getSuspend()).as("Kueue cannot admit a Job the server cannot suspend").isNull();
        assertThat(second.getSpec().getPodFailurePolicy()).isNull();
        assertThat(second.getMetadata().getLabels()).containsEntry("kubetune.dev/unit", "shard-1")
                .doesNotContainKey("kueue.x-k8s.io/queue-name");
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("--unit", "shard-1");
        assertThat(second.getMetadata().getAnnotations().get(ChildMetadata.ANNOTATION_INPUTS_HASH))
                .isEqualTo(InputsHash.of(run.getSpec(), "shard-1", null))
                .isNotEqualTo(jobs.get(0).getMetadata().getAnnotations().get(ChildMetadata.ANNOTATION_INPUTS_HASH));
        assertThat(JobFactory.shardJobUnits(run, JobDefaults.standard())).containsExactly("shards");
    }
}

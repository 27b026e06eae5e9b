package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.plan.WorkUnit;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    void gpusCpuAndMemoryAreRequestedAsTheirLimits() {
        Container runner = runner(JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0),
                DEFAULTS.withGpuResourceName("gpu.example.com/h100")));

        assertThat(runner.getResources().getLimits()).containsOnly(
                entry("gpu.example.com/h100", new Quantity("2")),
                entry("cpu", new Quantity("4")),
                entry("memory", new Quantity("32Gi")));
        assertThat(runner.getResources().getRequests()).isEqualTo(runner.getResources().getLimits());
    }

    @Test
    void theSpecsGpuResourceNameWinsOverTheDefault() {
        Job job = JobFactory.shardsJob(Manifests.inferenceRun(), null, DEFAULTS);

        assertThat(runner(job).getResources().getRequests()).containsOnly(entry("amd.com/gpu", new Quantity("1")));
        assertThat(runner(job).getResources().getLimits()).containsOnly(entry("amd.com/gpu", new Quantity("1")));
    }

    @Test
    void noGpusMeansNoGpuResource() {
        FoldTraining training = Manifests.foldTraining();
        training.getSpec().getResources().setGpus(0);

        Container runner = runner(JobFactory.foldJob(training, WorkUnit.fold(0), DEFAULTS));

        assertThat(runner.getResources().getLimits()).containsOnlyKeys("cpu", "memory");
    }

    @Test
    void specVolumesAreReadOnlyExceptTheOutputVolume() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS);

        Map<String, VolumeMount> mounts = runner(job).getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        assertThat(mounts.get("/mnt/kubetune/models").getReadOnly()).isTrue();
        assertThat(mounts.get("/mnt/kubetune/data").getReadOnly()).isTrue();
        assertThat(mounts.get("/mnt/kubetune/artifacts").getReadOnly()).isFalse();
        assertThat(mounts.get("/etc/kubetune").getReadOnly()).isTrue();
        assertThat(mounts.get("/tmp").getReadOnly()).isFalse();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).extracting(v -> v.getName())
                .containsExactly("kubetune-task", "kubetune-tmp", "models", "data", "artifacts");
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("notes-task");
        assertThat(pod.getVolumes().get(1).getEmptyDir()).isNotNull();
        assertThat(pod.getVolumes().get(3).getNfs().getServer()).isEqualTo("nfs.example");
    }

    @Test
    void anyVolumeSourceIsMountedAndTheNamedOutputVolumeIsWritable() {
        Job job = JobFactory.shardsJob(Manifests.inferenceRun(), null, DEFAULTS);

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes().get(2).getCsi().getDriver()).isEqualTo("models.csi.example");
        assertThat(pod.getVolumes().get(3).getImage().getReference()).isEqualTo("registry.example/notes:1");
        assertThat(runner(job).getVolumeMounts()).filteredOn(m -> m.getMountPath().startsWith("/mnt/kubetune/"))
                .extracting(VolumeMount::getName, VolumeMount::getReadOnly)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("models", true),
                        org.assertj.core.groups.Tuple.tuple("data", true),
                        org.assertj.core.groups.Tuple.tuple("out", false));
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

    @Test
    void podsRunUnderTheRestrictedSecurityProfile() {
        Job job = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS);

        var pod = job.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getFsGroup()).isEqualTo(65532L);
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = runner(job).getSecurityContext();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void schedulingFieldsReachThePod() {
        PodSpec pod = JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS)
                .getSpec().getTemplate().getSpec();

        assertThat(pod.getNodeSelector()).containsOnly(entry("nvidia.com/gpu.product", "H100"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getPriorityClassName()).isEqualTo("research");
    }

    @Test
    void imageFromTheDefaultsUnlessTheSpecNamesOne() {
        Container fold = runner(JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0),
                DEFAULTS.withRunnerImage("registry.example/runner:9")));
        Container shards = runner(JobFactory.shardsJob(Manifests.inferenceRun(), null, DEFAULTS));

        assertThat(fold.getImage()).isEqualTo("registry.example/runner:9");
        assertThat(fold.getImagePullPolicy()).isNull();
        assertThat(shards.getImage()).isEqualTo("registry.example/vllm-runner:2");
        assertThat(shards.getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void envPutsCachesUnderTmpAndTheSpecsEnvOverridesIt() {
        Container fold = runner(JobFactory.foldJob(Manifests.foldTraining(), WorkUnit.fold(0), DEFAULTS));
        Container shards = runner(JobFactory.shardsJob(Manifests.inferenceRun(), null, DEFAULTS));

        assertThat(fold.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HOME", "/tmp/home"),
                org.assertj.core.groups.Tuple.tuple("DJL_CACHE_DIR", "/tmp/djl-cache"),
                org.assertj.core.groups.Tuple.tuple("LOG_LEVEL", "debug"));
        assertThat(shards.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HOME", "/tmp"),
                org.assertj.core.groups.Tuple.tuple("DJL_CACHE_DIR", "/tmp/djl-cache"));
    }
}

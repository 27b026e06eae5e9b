package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pod of a unit's Job: runner container, volumes, security, scheduling. */
class RunnerPodFactoryTest {

    static final JobDefaults DEFAULTS = JobDefaults.standard();

    static Container runner(Job job) {
        return JobFactoryTest.runner(job);
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

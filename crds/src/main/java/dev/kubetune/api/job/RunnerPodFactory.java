package dev.kubetune.api.job;

import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.spec.ResourcesSpec;
import dev.kubetune.api.spec.RunnerSpec;
import dev.kubetune.api.spec.SchedulingSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod of one unit: the runner container (image, arguments, env, resources, mounts) under the
 * restricted Pod Security Standard, with the spec's node selection. Shared by fold and shard Jobs.
 */
public final class RunnerPodFactory {

    public static final String CONTAINER = "runner";
    /** A fixed non-root user and group (distroless' nonroot). */
    public static final long USER_ID = 65532L;
    public static final String RESULT_FILE = dev.kubetune.api.contract.RunnerResult.TERMINATION_LOG;
    static final String TASK_FILE = RunnerTask.MOUNT_PATH + "/" + RunnerTask.FILE_NAME;

    private RunnerPodFactory() {
    }

    /** The pod spec running {@code unitArgument} (fold-3, or shard-$(JOB_COMPLETION_INDEX)). */
    static PodSpec podSpec(ExperimentSpec spec, String configMapName, String unitArgument, JobDefaults defaults) {
        SchedulingSpec scheduling = spec.getScheduling();
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withContainers(container(spec, unitArgument, defaults))
                .withVolumes(RunnerVolumes.podVolumes(spec, configMapName))
                .withNodeSelector(scheduling.getNodeSelector())
                .withTolerations(scheduling.getTolerations())
                .withAffinity(scheduling.getAffinity())
                .withPriorityClassName(scheduling.getPriorityClassName())
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(USER_ID)
                    .withRunAsGroup(USER_ID)
                    .withFsGroup(USER_ID)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .build();
    }

    static Container container(ExperimentSpec spec, String unitArgument, JobDefaults defaults) {
        RunnerSpec runner = spec.getRunner() == null ? new RunnerSpec() : spec.getRunner();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(runner.getImage() != null ? runner.getImage() : defaults.runnerImage())
                .withImagePullPolicy(runner.getImagePullPolicy() != null
                        ? runner.getImagePullPolicy().value() : defaults.imagePullPolicy())
                .withArgs("unit", "--task", TASK_FILE, "--unit", unitArgument, "--result-file", RESULT_FILE)
                .withEnv(env(runner.getEnv()))
                .withResources(resources(spec.getResources(), defaults))
                .withVolumeMounts(RunnerVolumes.containerMounts(spec))
                .withTerminationMessagePath(RESULT_FILE)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    /** HOME and DJL_CACHE_DIR under the writable /tmp, then spec.runner.env (which may override them). */
    static List<EnvVar> env(List<EnvVar> extra) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        byName.put("HOME", new EnvVarBuilder().withName("HOME").withValue(RunnerVolumes.TMP_PATH).build());
        byName.put("DJL_CACHE_DIR", new EnvVarBuilder().withName("DJL_CACHE_DIR")
                .withValue(RunnerVolumes.TMP_PATH + "/djl-cache").build());
        if (extra != null) {
            extra.forEach(e -> byName.put(e.getName(), new EnvVarBuilder(e).build()));
        }
        return new ArrayList<>(byName.values());
    }

    /** GPUs as the extended resource, CPU and memory: requests = limits (Guaranteed when all are set). */
    static ResourceRequirements resources(ResourcesSpec resources, JobDefaults defaults) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (resources != null) {
            if (resources.getCpu() != null) {
                amounts.put("cpu", resources.getCpu());
            }
            if (resources.getMemory() != null) {
                amounts.put("memory", resources.getMemory());
            }
            if (resources.getGpus() > 0) {
                String gpu = resources.getGpuResourceName() != null
                        ? resources.getGpuResourceName() : defaults.gpuResourceName();
                amounts.put(gpu, new Quantity(Integer.toString(resources.getGpus())));
            }
        }
        if (amounts.isEmpty()) {
            return new ResourceRequirements();
        }
        Map<String, Quantity> limits = new LinkedHashMap<>();
        amounts.forEach((name, q) -> limits.put(name, new Quantity(q.getAmount(), q.getFormat())));
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(limits).build();
    }
}

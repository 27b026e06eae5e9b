package dev.kubetune.api.job;

import java.util.Objects;

/**
 * The operator's settings that a resource may leave out.
 *
 * @param runnerImage     runner image when spec.runner.image is unset
 * @param imagePullPolicy pull policy when spec.runner.imagePullPolicy is unset; null leaves Kubernetes' default
 * @param gpuResourceName extended resource of GPUs when spec.resources.gpuResourceName is unset
 * @param kueueEnabled    whether scheduling.queueName is honoured (queue label, Job created suspended);
 *                        without Kueue a suspended Job would never start, so the queue is ignored
 * @param features        the Job fields the API server knows ({@link JobApiFeatures#ALL} unless told)
 */
public record JobDefaults(String runnerImage, String imagePullPolicy, String gpuResourceName, boolean kueueEnabled,
                          JobApiFeatures features) {

    /** The runner image published with this version of kubetune. */
    public static final String RUNNER_IMAGE = "ghcr.io/kubetune/kubetune-runner:latest";
    /** NVIDIA's device plugin resource. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    public JobDefaults {
        Objects.requireNonNull(runnerImage, "runnerImage");
        Objects.requireNonNull(gpuResourceName, "gpuResourceName");
        Objects.requireNonNull(features, "features");
    }

    /** Defaults for a current API server. */
    public JobDefaults(String runnerImage, String imagePullPolicy, String gpuResourceName, boolean kueueEnabled) {
        this(runnerImage, imagePullPolicy, gpuResourceName, kueueEnabled, JobApiFeatures.ALL);
    }

    /**
     * Whether Jobs get Kueue's queue label and start suspended: Kueue is on and the server knows
     * {@code spec.suspend} (on a server that drops it the Job would run before Kueue admitted it).
     */
    public boolean kueueAdmission() {
        return kueueEnabled && features.jobSuspend();
    }

    /** The published runner image, NVIDIA GPUs, Kueue honoured. */
    public static JobDefaults standard() {
        return new JobDefaults(RUNNER_IMAGE, null, GPU_RESOURCE, true);
    }

    public JobDefaults withRunnerImage(String image) {
        return new JobDefaults(image, imagePullPolicy, gpuResourceName, kueueEnabled, features);
    }

    public JobDefaults withGpuResourceName(String name) {
        return new JobDefaults(runnerImage, imagePullPolicy, name, kueueEnabled, features);
    }

    public JobDefaults withFeatures(JobApiFeatures serverFeatures) {
        return new JobDefaults(runnerImage, imagePullPolicy, gpuResourceName, kueueEnabled, serverFeatures);
    }
}

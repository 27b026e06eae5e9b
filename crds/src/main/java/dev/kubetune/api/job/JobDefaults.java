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
 */
public record JobDefaults(String runnerImage, String imagePullPolicy, String gpuResourceName, boolean kueueEnabled) {

    /** The runner image published with this version of kubetune. */
    public static final String RUNNER_IMAGE = "ghcr.io/kubetune/kubetune-runner:latest";
    /** NVIDIA's device plugin resource. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    public JobDefaults {
        Objects.requireNonNull(runnerImage, "runnerImage");
        Objects.requireNonNull(gpuResourceName, "gpuResourceName");
    }

    /** The published runner image, NVIDIA GPUs, Kueue honoured. */
    public static JobDefaults standard() {
        return new JobDefaults(RUNNER_IMAGE, null, GPU_RESOURCE, true);
    }

    public JobDefaults withRunnerImage(String image) {
        return new JobDefaults(image, imagePullPolicy, gpuResourceName, kueueEnabled);
    }

    public JobDefaults withGpuResourceName(String name) {
        return new JobDefaults(runnerImage, imagePullPolicy, name, kueueEnabled);
    }
}

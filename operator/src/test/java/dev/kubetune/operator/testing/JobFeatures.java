package dev.kubetune.operator.testing;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Which of the batch/v1 Job fields kubetune relies on an API server keeps, found by a server-side
 * dry-run create. A server that predates a field drops it without an error (Kubernetes 1.20 knows
 * none of the three), so a Job kubetune builds would run without it.
 *
 * @param suspend           {@code spec.suspend} (Kubernetes 1.21+): spec.suspend, Kueue
 * @param indexed           {@code spec.completionMode: Indexed} (1.21+): an InferenceRun's shards
 * @param podFailurePolicy  {@code spec.podFailurePolicy} (1.25+): a bad-input exit fails the Job without retries
 */
public record JobFeatures(boolean suspend, boolean indexed, boolean podFailurePolicy) {

    public static JobFeatures probe(KubernetesClient client, String namespace) {
        Job job = new JobBuilder()
                .withNewMetadata().withName("kubetune-job-features").withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withSuspend(true)
                    .withCompletionMode("Indexed").withCompletions(1).withParallelism(1)
                    .withPodFailurePolicy(dev.kubetune.api.job.JobFactory.podFailurePolicy())
                    .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                        .addNewContainer().withName("runner").withImage("runner").endContainer()
                    .endSpec().endTemplate()
                .endSpec()
                .build();
        Job kept = client.resource(job).dryRun().create();
        return new JobFeatures(Boolean.TRUE.equals(kept.getSpec().getSuspend()),
                "Indexed".equals(kept.getSpec().getCompletionMode()), kept.getSpec().getPodFailurePolicy() != null);
    }

    /** What {@code scenario} needs that this server drops, for a skip message; null when nothing. */
    public String missingFor(boolean needsSuspend, boolean needsIndexed, boolean needsPodFailurePolicy) {
        StringBuilder missing = new StringBuilder();
        if (needsSuspend && !suspend) {
            missing.append(" spec.suspend (1.21+)");
        }
        if (needsIndexed && !indexed) {
            missing.append(" spec.completionMode: Indexed (1.21+)");
        }
        if (needsPodFailurePolicy && !podFailurePolicy) {
            missing.append(" spec.podFailurePolicy (1.25+)");
        }
        return missing.isEmpty() ? null : "this API server drops the Job field(s)" + missing;
    }
}

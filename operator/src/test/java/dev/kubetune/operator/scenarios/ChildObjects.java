package dev.kubetune.operator.scenarios;

import dev.kubetune.api.Kubetune;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * The Jobs, pods and Events of the scenarios' resources as the API server has them now (no cache): what the
 * scenarios wait for and assert on, and what a timeout prints.
 */
final class ChildObjects {

    private final KubernetesClient client;
    private final String namespace;

    ChildObjects(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The server's Jobs of {@code name} and their pods, for a timeout's message. */
    String childrenOf(String name) {
        StringBuilder out = new StringBuilder();
        for (Job job : jobs(name)) {
            out.append("\n  job ").append(job.getMetadata().getName())
                    .append(" uid ").append(job.getMetadata().getUid())
                    .append(job.getMetadata().getDeletionTimestamp() == null ? "" : " deleting")
                    .append(" status ").append(Serialization.asJson(job.getStatus()));
        }
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(Kubetune.LABEL_NAME, name).list().getItems()) {
            out.append("\n  pod ").append(pod.getMetadata().getName()).append(' ')
                    .append(pod.getStatus() == null ? null : pod.getStatus().getPhase()).append(" owners ")
                    .append(pod.getMetadata().getOwnerReferences().stream()
                            .map(o -> o.getName() + "/" + o.getUid()).toList());
        }
        return out.toString();
    }

    void awaitRunningPod(String job) {
        Await.until("a running pod of " + job, () -> runningPod(job), () -> pods(job).toString());
    }

    boolean runningPod(String job) {
        return pods(job).stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    }

    /**
     * Whether the Job now called {@code job} has a running pod (the mock server has no garbage
     * collector: pods of a deleted namesake stay, still Running; a real one removes them a little later).
     */
    boolean runningPodOfCurrentJob(String job) {
        Job current = jobOf(job);
        return current != null && pods(job).stream().anyMatch(p -> p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase()) && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> current.getMetadata().getUid().equals(o.getUid())));
    }

    Job jobOf(String job) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
    }

    List<Job> jobs(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabel(Kubetune.LABEL_NAME, name).list().getItems();
    }

    List<Pod> pods(String job) {
        return client.pods().inNamespace(namespace).withLabel(TestKubelet.POD_JOB_LABEL, job).list().getItems();
    }

    List<Event> events(String name, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .filter(e -> reason == null || reason.equals(e.getReason())).toList();
    }
}

package dev.kubetune.operator.bench;

import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The happy path of {@link TestKubelet} (one pod per non-indexed Job, Running; on demand terminated
 * with exit 0 and a result; the Job then Complete) without its per-call list requests. The test
 * kubelet lists a Job's Jobs and pods on every event, under one lock, and a labelled list in the mock
 * server scans every object it holds: at 5,000 Jobs it finishes about 3 pods a second, so it, not the
 * operator, would set the pace. This one remembers the pods it made and writes each object once per
 * step, on {@code threads} threads. Same objects, same fields, as the test kubelet writes.
 */
final class FastKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final ExecutorService pool;
    private final Map<String, Pod> running = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Job> informer;

    FastKubelet(KubernetesClient client, String namespace, int threads) {
        this.client = client;
        this.namespace = namespace;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    FastKubelet start() {
        informer = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                if (started.add(job.getMetadata().getName())) {
                    pool.submit(() -> run(job));
                }
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        });
        return this;
    }

    private void run(Job job) {
        try {
            Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
            labels.put(TestKubelet.JOB_NAME_LABEL, job.getMetadata().getName());
            labels.put("job-name", job.getMetadata().getName());
            Pod pod = client.resource(new PodBuilder()
                    .withNewMetadata()
                        .withName(job.getMetadata().getName() + "-p0")
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                                .withController(true).withBlockOwnerDeletion(true).build())
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .build()).create();
            String now = now();
            pod.setStatus(new PodStatusBuilder().withPhase("Running").withStartTime(now)
                    .withContainerStatuses(new ContainerStatusBuilder().withName("runner").withReady(true)
                            .withRestartCount(0).withImage("runner").withNewState().withNewRunning().withStartedAt(now)
                            .endRunning().endState().build())
                    .build());
            pod = client.resource(pod).updateStatus();
            client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).editStatus(j -> {
                j.setStatus(new JobStatusBuilder().withActive(1).withStartTime(now).build());
                return j;
            });
            running.put(job.getMetadata().getName(), pod);
        } catch (RuntimeException e) {
            System.err.println("fast kubelet: starting " + job.getMetadata().getName() + ": " + e);
        }
    }

    /** Whether {@code job}'s pod runs (so {@link #succeed} can finish it). */
    boolean isRunning(String job) {
        return running.containsKey(job);
    }

    /** Terminates {@code job}'s running pod with exit 0 and {@code message}; the Job becomes Complete. */
    void succeed(String jobName, String message) {
        Pod pod = running.remove(jobName);
        if (pod == null) {
            throw new IllegalStateException("no running pod of " + jobName);
        }
        String now = now();
        pod.getStatus().setPhase("Succeeded");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                .withName("runner").withReady(false).withRestartCount(0).withImage("runner")
                .withNewState().withNewTerminated()
                    .withExitCode(0).withMessage(message).withFinishedAt(now).withReason("Completed")
                .endTerminated().endState()
                .build()));
        client.resource(pod).updateStatus();
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(j -> {
            if (j.getStatus() == null) {
                j.setStatus(new JobStatusBuilder().withStartTime(now).build());
            }
            j.getStatus().setSucceeded(1);
            j.getStatus().setFailed(0);
            j.getStatus().setActive(0);
            j.getStatus().setCompletionTime(now);
            j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Complete").withStatus("True")
                    .withReason("CompletionsReached").withMessage("Reached expected number of succeeded pods")
                    .withLastTransitionTime(now).withLastProbeTime(now).build()));
            return j;
        });
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        pool.shutdownNow();
    }
}

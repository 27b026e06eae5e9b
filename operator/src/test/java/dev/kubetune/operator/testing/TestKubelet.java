package dev.kubetune.operator.testing;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.contract.RunnerResult;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test stand-in for the Job controller and the kubelet: it watches Jobs, creates their pods (one
 * per unfinished Job, one per index of an Indexed Job), marks them Running, and on demand terminates
 * a pod with an exit code and a termination message; then it does what the Job controller does:
 * Complete, retry within {@code backoffLimit}, or Failed (BackoffLimitExceeded, or PodFailurePolicy for
 * an exit code its {@code FailJob} rule names). Suspending a Job deletes its running pods.
 * It only uses the API (status subresources), so it also works against a real API server without
 * controllers. {@link #besideJobController} makes it the kubelet alone, for a real API server with
 * kube-controller-manager: the Job controller creates the pods and finishes the Jobs, this marks each
 * new pod Running and terminates it on demand, through the pods/status subresource. With
 * {@link #runningRunner} it runs each pod's runner for real ({@link RunnerProcess}) and terminates the
 * pod with the runner's exit code and result file, as the kubelet would.
 */
public final class TestKubelet implements AutoCloseable {

    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    /** The label every Kubernetes version's Job controller puts on a Job's pods ({@link #JOB_NAME_LABEL} only from 1.27). */
    public static final String POD_JOB_LABEL = "job-name";
    public static final String INDEX = "batch.kubernetes.io/job-completion-index";
    /**
     * How often the kubelet stand-in looks at every pod again: a pod it could not mark Running (the API
     * server away, a conflict) is tried again, as a kubelet's sync loop would.
     */
    static final java.time.Duration POD_RESYNC = java.time.Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String namespace;
    private final boolean jobController;
    private final AtomicInteger podNumber = new AtomicInteger();
    private final Map<String, Integer> maxUnfinished = new HashMap<>();
    private SharedIndexInformer<Job> informer;
    private SharedIndexInformer<Pod> podInformer;
    private RunnerProcess runner;
    private ExecutorService containers;

    public TestKubelet(KubernetesClient client, String namespace) {
        this(client, namespace, false);
    }

    private TestKubelet(KubernetesClient client, String namespace, boolean jobController) {
        this.client = client;
        this.namespace = namespace;
        this.jobController = jobController;
    }

    /** The kubelet alone: a real Job controller creates the pods and records the Jobs' outcome. */
    public static TestKubelet besideJobController(KubernetesClient client, String namespace) {
        return new TestKubelet(client, namespace, true);
    }

    public TestKubelet start() {
        informer = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                sync(job.getMetadata().getName());
            }

            @Override
            public void onUpdate(Job old, Job job) {
                sync(job.getMetadata().getName());
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        });
        if (jobController) {
            podInformer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<Pod>() {
                @Override
                public void onAdd(Pod pod) {
                    startIfPending(pod);
                }

                @Override
                public void onUpdate(Pod old, Pod pod) {
                    startIfPending(pod);
                }

                @Override
                public void onDelete(Pod pod, boolean unknown) {
                }
            }, POD_RESYNC.toMillis());
        }
        return this;
    }

    /** Runs every pod it creates through {@code runner}, {@code parallel} containers at a time. */
    public TestKubelet runningRunner(RunnerProcess runner, int parallel) {
        this.runner = runner;
        this.containers = Executors.newFixedThreadPool(parallel);
        return this;
    }

    /** The most Jobs of resource {@code name} ever seen unfinished (not suspended, not done) at once. */
    public synchronized int maxUnfinished(String name) {
        return maxUnfinished.getOrDefault(name, 0);
    }

    /** Terminates the running pod of {@code job} (index: of an Indexed Job, else null) with exit 0 and {@code result}. */
    public void succeed(String job, Integer index, RunnerResult result) {
        terminate(job, index, 0, result.toBoundedJson());
    }

    /** Terminates the running pod of {@code job} with {@code exitCode} and {@code message}. */
    public synchronized void terminate(String jobName, Integer index, int exitCode, String message) {
        Pod pod = livePods(jobName).stream().filter(p -> index == null || index.toString().equals(indexOf(p)))
                .findFirst().orElseThrow(() -> new AssertionError("no running pod of " + jobName
                        + (index == null ? "" : " index " + index)));
        String now = now();
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName("runner").withReady(false).withRestartCount(0).withImage("runner")
                    .withNewState().withNewTerminated()
                        .withExitCode(exitCode).withMessage(message).withFinishedAt(now)
                        .withReason(exitCode == 0 ? "Completed" : "Error")
                    .endTerminated().endState()
                    .build()));
            return p;
        });
        if (jobController) {
            return;
        }
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
        List<Pod> pods = podsOf(jobName);
        int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(p.getStatus().getPhase())).count();
        int failed = (int) pods.stream().filter(p -> "Failed".equals(p.getStatus().getPhase())).count();
        JobCondition done = null;
        int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        if (exitCode == 0 && (!indexed || succeeded >= completions)) {
            done = condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now);
        } else if (exitCode != 0 && failJob(job, exitCode)) {
            done = condition("Failed", "PodFailurePolicy", "Container runner for pod " + namespace + "/"
                    + pod.getMetadata().getName() + " failed with exit code " + exitCode
                    + " matching FailJob rule at index 0", now);
        } else if (exitCode != 0 && failed > backoffLimit(job)) {
            done = condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
        }
        JobCondition finalCondition = done;
        editJobStatus(jobName, j -> {
            if (j.getStatus() == null) {
                j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
            }
            j.getStatus().setSucceeded(succeeded);
            j.getStatus().setFailed(failed);
            if (finalCondition != null) {
                List<JobCondition> conditions = new ArrayList<>();
                if (j.getStatus().getConditions() != null) {
                    conditions.addAll(j.getStatus().getConditions());
                }
                conditions.add(finalCondition);
                j.getStatus().setConditions(conditions);
                j.getStatus().setActive(0);
                if (finalCondition.getType().equals("Complete")) {
                    j.getStatus().setCompletionTime(now);
                }
            }
            return j;
        });
        sync(jobName);
    }

    /**
     * Edits a Job's status as the Job controller does: read, change, write with the read resourceVersion,
     * and on a conflict (the operator wrote the Job meanwhile) read again and retry.
     */
    private void editJobStatus(String jobName, java.util.function.UnaryOperator<Job> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(edit);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != java.net.HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private synchronized void sync(String jobName) {
        try {
            syncExisting(jobName);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // the Job was deleted meanwhile (replaced after a spec change): nothing to run
        }
    }

    private void syncExisting(String jobName) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null) {
            return;
        }
        track(job);
        if (jobController || finished(job)) {
            return;
        }
        List<Pod> live = livePods(jobName);
        if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            live.forEach(p -> client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete());
            setActive(job, 0);
            return;
        }
        boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
        List<Pod> all = podsOf(jobName);
        if (indexed) {
            for (int i = 0; i < job.getSpec().getCompletions(); i++) {
                String index = Integer.toString(i);
                boolean covered = all.stream().anyMatch(p -> index.equals(indexOf(p))
                        && !"Failed".equals(p.getStatus().getPhase()));
                if (!covered) {
                    createPod(job, index);
                }
            }
        } else if (live.isEmpty() && all.stream().noneMatch(p -> "Succeeded".equals(p.getStatus().getPhase()))) {
            createPod(job, null);
        }
        setActive(job, livePods(jobName).size());
    }

    private void createPod(Job job, String index) {
        Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(JOB_NAME_LABEL, job.getMetadata().getName());
        labels.put("job-name", job.getMetadata().getName());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (index != null) {
            labels.put(INDEX, index);
            annotations.put(INDEX, index);
        }
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + (index == null ? "" : "-" + index) + "-p"
                            + podNumber.incrementAndGet())
                    .withNamespace(namespace)
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        start(client.resource(pod).create());
    }

    /** A pod the Job controller made, not yet started: started as the kubelet would. */
    private synchronized void startIfPending(Pod pod) {
        boolean pending = pod.getStatus() == null || pod.getStatus().getPhase() == null
                || "Pending".equals(pod.getStatus().getPhase());
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (!pending || pod.getMetadata().getDeletionTimestamp() != null || labels == null
                || !labels.containsKey(POD_JOB_LABEL)) {
            return;
        }
        try {
            start(pod);
        } catch (KubernetesClientException e) {
            // deleted meanwhile (404: its Job replaced or collected), or the API server away or the pod changed:
            // the pod informer's resync ({@link #POD_RESYNC}) brings it here again while it is Pending
        }
    }

    /** Marks {@code pod} Running (pods/status), and runs its runner when there is one. */
    private void start(Pod pod) {
        String now = now();
        ContainerStatus running = new ContainerStatusBuilder().withName("runner").withReady(true).withRestartCount(0)
                .withImage("runner").withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build();
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withStartTime(now)
                    .withContainerStatuses(running).build());
            return p;
        });
        if (runner != null) {
            String jobName = pod.getMetadata().getLabels().get(POD_JOB_LABEL);
            String index = indexOf(pod);
            containers.submit(() -> {
                RunnerProcess.Termination end = runner.run(pod, index);
                terminate(jobName, index == null ? null : Integer.valueOf(index), end.exitCode(), end.message());
            });
        }
    }

    private void setActive(Job job, int active) {
        String now = now();
        editJobStatus(job.getMetadata().getName(), j -> {
            if (j.getStatus() == null) {
                j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
            }
            if (Objects.equals(j.getStatus().getActive(), active) && j.getStatus().getStartTime() != null) {
                return j;
            }
            j.getStatus().setActive(active);
            if (j.getStatus().getStartTime() == null && active > 0) {
                j.getStatus().setStartTime(now);
            }
            return j;
        });
    }

    private void track(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String owner = labels == null ? null : labels.get(Kubetune.LABEL_NAME);
        if (owner == null) {
            return;
        }
        long unfinished = client.batch().v1().jobs().inNamespace(namespace).withLabel(Kubetune.LABEL_NAME, owner)
                .list().getItems().stream().filter(j -> !finished(j)).count();
        maxUnfinished.merge(owner, (int) unfinished, Math::max);
    }

    /** The pods of the Job now called {@code jobName} (not those of a deleted namesake, which the mock server keeps). */
    private List<Pod> podsOf(String jobName) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        String uid = job == null ? null : job.getMetadata().getUid();
        return client.pods().inNamespace(namespace).withLabel(POD_JOB_LABEL, jobName).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), uid)))
                .toList();
    }

    private List<Pod> livePods(String jobName) {
        return podsOf(jobName).stream().filter(p -> p.getStatus() == null
                || !("Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase())))
                .toList();
    }

    private static boolean failJob(Job job, int exitCode) {
        if (job.getSpec().getPodFailurePolicy() == null) {
            return false;
        }
        for (PodFailurePolicyRule rule : job.getSpec().getPodFailurePolicy().getRules()) {
            if ("FailJob".equals(rule.getAction()) && rule.getOnExitCodes() != null
                    && "In".equals(rule.getOnExitCodes().getOperator())
                    && rule.getOnExitCodes().getValues().contains(exitCode)) {
                return true;
            }
        }
        return false;
    }

    private static int backoffLimit(Job job) {
        return job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
    }

    static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    private static String indexOf(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(INDEX);
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastTransitionTime(now).withLastProbeTime(now).build();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        if (podInformer != null) {
            podInformer.close();
        }
        if (containers != null) {
            containers.shutdownNow();
        }
    }
}

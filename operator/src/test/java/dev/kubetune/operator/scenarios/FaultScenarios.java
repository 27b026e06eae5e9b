package dev.kubetune.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.ChildOperator;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator under faults, on any cluster (the mock server, a real API server): its process SIGKILLed
 * at random moments and restarted; a second replica taking over through the Lease; its status writes
 * made to conflict. Each runs many FoldTrainings whose pods {@link #finisher} ends with a known result
 * per fold, and ends with the same proof: every Job created once (one uid per Job name, ever), every
 * FoldTraining Ready with each fold's own metric and the summary over exactly its folds — within a
 * stated time of the last fault.
 */
public final class FaultScenarios {

    /** How long after the last fault the status must have converged. */
    public static final Duration CONVERGED_WITHIN = Duration.ofSeconds(120);
    /** How long an operator process may take to start (a JVM loading fabric8 and JOSDK on a busy machine). */
    static final Duration STARTUP = Duration.ofSeconds(180);

    private final KubernetesClient client;
    private final TestKubelet kubelet;
    private final String namespace;
    private final Path kubeconfig;
    private final boolean serverSideApply;

    /**
     * @param kubeconfig      how operator processes reach the cluster
     * @param serverSideApply whether they write status by server-side apply (the real server) or merge patch (the mock)
     */
    public FaultScenarios(KubernetesClient client, TestKubelet kubelet, String namespace, Path kubeconfig,
                          boolean serverSideApply) {
        this.client = client;
        this.kubelet = kubelet;
        this.namespace = namespace;
        this.kubeconfig = kubeconfig;
        this.serverSideApply = serverSideApply;
    }

    /**
     * {@code trainings} FoldTrainings × 3 folds; the operator process is SIGKILLed {@code kills} times at
     * seeded random moments (0.3–2.5 s apart, so mid-creation, mid-harvest and mid-status-write all occur)
     * and started again; returns how long the status took to converge after the last restart.
     */
    public Duration operatorKilledAndRestarted(String prefix, int trainings, int kills, long seed) {
        Random random = new Random(seed);
        try (JobLedger ledger = new JobLedger(); Finisher finisher = new Finisher(prefix)) {
            ChildOperator operator = ChildOperator.start(kubeconfig, namespace, serverSideApply, null, null);
            operator.await("STARTED", STARTUP);
            create(prefix, trainings);
            for (int i = 0; i < kills; i++) {
                sleep(300 + random.nextInt(2200));
                operator.kill();
                sleep(random.nextInt(500));
                operator = ChildOperator.start(kubeconfig, namespace, serverSideApply, null, null);
                operator.await("STARTED", STARTUP);
            }
            try (ChildOperator last = operator) {
                return converged(prefix, trainings, ledger, System.nanoTime());
            }
        }
    }

    /**
     * Two replicas electing a leader through a Lease; the leader is SIGKILLed mid-run (its Lease not
     * released) and the standby must take over once the Lease expires and finish the work.
     */
    public Duration secondReplicaTakesOver(String prefix, int trainings) {
        try (JobLedger ledger = new JobLedger(); Finisher finisher = new Finisher(prefix);
             ChildOperator a = ChildOperator.start(kubeconfig, namespace, serverSideApply, prefix + "-lease", "replica-a")) {
            a.await("LEADING replica-a", STARTUP);
            try (ChildOperator b = ChildOperator.start(kubeconfig, namespace, serverSideApply, prefix + "-lease", "replica-b")) {
                b.await("STARTED", STARTUP);
                create(prefix, trainings);
                Await.until("some folds harvested by the leader", () -> succeededFolds(prefix, trainings) > 0);
                assertThat(b.said("LEADING replica-b")).as("the standby does not lead while the leader lives").isFalse();
                a.kill();
                long killed = System.nanoTime();
                b.await("LEADING replica-b", ChildOperator.LEASE_DURATION.multipliedBy(4));
                return converged(prefix, trainings, ledger, killed);
            }
        }
    }

    /**
     * The operator running in this JVM while another writer bumps every FoldTraining's resourceVersion
     * ({@code pokes} merge patches of an annotation, as fast as the server takes them), so the operator's
     * status writes, which carry the resourceVersion they were computed from, meet 409 Conflict and are
     * computed again.
     */
    public Duration statusConflicts(String prefix, int trainings, AtomicInteger pokes) {
        AtomicBoolean poking = new AtomicBoolean(true);
        Thread poker = new Thread(() -> {
            Random random = new Random(7);
            while (poking.get()) {
                String name = prefix + "-" + random.nextInt(trainings);
                try {
                    client.resources(FoldTraining.class).inNamespace(namespace).withName(name)
                            .edit(ft -> {
                                ft.getMetadata().getAnnotations().put("test.kubetune.dev/poke",
                                        Integer.toString(pokes.incrementAndGet()));
                                return ft;
                            });
                } catch (RuntimeException e) {
                    // not created yet, or our own conflict: poke again
                }
            }
        }, "status-conflict-poker");
        try (JobLedger ledger = new JobLedger(); Finisher finisher = new Finisher(prefix)) {
            create(prefix, trainings);
            poker.start();
            Await.until("every fold harvested while the status conflicts",
                    () -> succeededFolds(prefix, trainings) == 3 * trainings);
            poking.set(false);
            join(poker);
            return converged(prefix, trainings, ledger, System.nanoTime());
        } finally {
            poking.set(false);
        }
    }

    /**
     * The operator (running beside, in this JVM) loses the API server mid-run: {@code restart} kills
     * kube-apiserver and starts it again once {@code trainings} FoldTrainings are under way; every watch
     * drops, the informers relist, and the work must finish as if nothing happened.
     */
    public Duration apiServerRestarted(String prefix, int trainings, java.util.function.Supplier<Duration> restart) {
        try (JobLedger ledger = new JobLedger(); Finisher finisher = new Finisher(prefix)) {
            create(prefix, trainings);
            Await.until("some folds harvested before the restart", () -> succeededFolds(prefix, trainings) > 0);
            Duration away = restart.get();
            System.err.printf("kube-apiserver away for %.1f s%n", away.toMillis() / 1000.0);
            return converged(prefix, trainings, ledger, System.nanoTime());
        }
    }

    /**
     * A ResourceQuota that allows no Job: the operator's Job creation is refused (403) and the FoldTraining
     * shows Progressing=False, reason FailedCreate, with the API server's message and a FailedCreate Event;
     * once the quota goes, the Jobs are made and the training finishes.
     */
    public void jobRefusedShowsFailedCreate(String name) {
        ResourceQuota quota = client.resource(new ResourceQuotaBuilder().withNewMetadata().withName(name + "-no-jobs")
                .withNamespace(namespace).endMetadata().withNewSpec().addToHard("count/jobs.batch", new Quantity("0"))
                .endSpec().build()).create();
        try {
            // no quota controller runs beside the test API server: its usage is recorded here, as that controller would
            quota.setStatus(new ResourceQuotaStatusBuilder().addToHard("count/jobs.batch", new Quantity("0"))
                    .addToUsed("count/jobs.batch", new Quantity("0")).build());
            client.resource(quota).updateStatus();
            try (Finisher finisher = new Finisher(name)) {
                FoldTraining training = Manifests.foldTraining(namespace, name + "-0", 3, null, 0);
                client.resource(training).create();
                Await.until("Progressing=False FailedCreate with the API server's message", () -> {
                    FoldTraining ft = client.resource(training).get();
                    return ft.getStatus() != null && Conditions.find(ft.getStatus().getConditions(), ConditionType.PROGRESSING)
                            .filter(c -> "False".equals(c.getStatus()) && ConditionReason.FAILED_CREATE.equals(c.getReason())
                                    && c.getMessage() != null && c.getMessage().contains("exceeded quota"))
                            .isPresent();
                }, () -> String.valueOf(client.resource(training).get().getStatus()));
                assertThat(client.batch().v1().jobs().inNamespace(namespace).withLabel(Kubetune.LABEL_NAME, name + "-0")
                        .list().getItems()).isEmpty();
                client.resource(quota).delete();
                Await.until(name + "-0 Ready once the quota is gone", () -> {
                    FoldTraining ft = client.resource(training).get();
                    return ft.getStatus() != null && ft.getStatus().getPhase() == Phase.Succeeded;
                }, () -> String.valueOf(client.resource(training).get().getStatus()));
                FoldTraining done = client.resource(training).get();
                assertThat(Conditions.find(done.getStatus().getConditions(), ConditionType.PROGRESSING).orElseThrow()
                        .getReason()).isNotEqualTo(ConditionReason.FAILED_CREATE);
            }
        } finally {
            client.resource(quota).delete();
        }
    }

    private void create(String prefix, int trainings) {
        for (int t = 0; t < trainings; t++) {
            FoldTraining training = Manifests.foldTraining(namespace, prefix + "-" + t, 3, null, 0);
            training.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("test.kubetune.dev/poke", "0")));
            client.resource(training).create();
        }
    }

    /**
     * Waits (at most {@link #CONVERGED_WITHIN} from {@code since}) until every FoldTraining is Ready, then
     * proves nothing was lost, doubled or run twice; returns the time from {@code since}.
     */
    private Duration converged(String prefix, int trainings, JobLedger ledger, long since) {
        Await.until("all " + trainings + " FoldTrainings Ready", () -> readyTrainings(prefix, trainings) == trainings,
                () -> notReady(prefix, trainings));
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        assertThat(took).as("converged within " + CONVERGED_WITHIN).isLessThan(CONVERGED_WITHIN);
        for (int t = 0; t < trainings; t++) {
            String name = prefix + "-" + t;
            FoldTraining training = client.resources(FoldTraining.class).inNamespace(namespace).withName(name).get();
            assertThat(training.getStatus().getSummary().getFoldsSucceeded()).as(name).isEqualTo(3);
            assertThat(training.getStatus().getFolds()).as(name).hasSize(3);
            double sum = 0;
            for (FoldStatus fold : training.getStatus().getFolds()) {
                double expected = accuracy(t, fold.getIndex());
                sum += expected;
                assertThat(fold.getMetrics()).as(name + " fold " + fold.getIndex()).containsEntry("accuracy", expected);
                assertThat(fold.getAttempts()).as(name + " fold " + fold.getIndex() + " attempts").isEqualTo(1);
            }
            assertThat(training.getStatus().getSummary().getMetrics().get("accuracy").getMean())
                    .as(name + " mean over exactly its 3 folds").isCloseTo(sum / 3, org.assertj.core.data.Offset.offset(1e-9));
            for (int fold = 0; fold < 3; fold++) {
                String job = KubeNames.job(name, "fold-" + fold);
                assertThat(ledger.uids(job)).as("Jobs ever made for " + job).hasSize(1);
            }
        }
        System.err.printf("fault scenario %s: %d FoldTrainings x 3 converged %.1f s after the last fault; %d Jobs, none twice%n",
                prefix, trainings, took.toMillis() / 1000.0, ledger.jobs());
        return took;
    }

    static double accuracy(int training, int fold) {
        return 0.5 + 0.1 * fold + 0.001 * training;
    }

    private int readyTrainings(String prefix, int trainings) {
        int ready = 0;
        for (FoldTraining ft : client.resources(FoldTraining.class).inNamespace(namespace).list().getItems()) {
            if (ft.getMetadata().getName().startsWith(prefix + "-") && ft.getStatus() != null
                    && ft.getStatus().getPhase() == Phase.Succeeded) {
                ready++;
            }
        }
        return ready;
    }

    private int succeededFolds(String prefix, int trainings) {
        return client.resources(FoldTraining.class).inNamespace(namespace).list().getItems().stream()
                .filter(ft -> ft.getMetadata().getName().startsWith(prefix + "-") && ft.getStatus() != null)
                .mapToInt(ft -> ft.getStatus().getSummary() == null
                        ? 0 : ft.getStatus().getSummary().getFoldsSucceeded())
                .sum();
    }

    private String notReady(String prefix, int trainings) {
        StringBuilder out = new StringBuilder();
        for (FoldTraining ft : client.resources(FoldTraining.class).inNamespace(namespace).list().getItems()) {
            if (ft.getMetadata().getName().startsWith(prefix + "-")
                    && (ft.getStatus() == null || ft.getStatus().getPhase() != Phase.Succeeded)) {
                out.append("\n  ").append(ft.getMetadata().getName()).append(": ")
                        .append(ft.getStatus() == null ? "no status" : ft.getStatus().getPhase() + " "
                                + ft.getStatus().getFolds().stream().map(f -> f.getIndex() + "=" + f.getPhase()
                                        + (f.getMessage() == null ? "" : "(" + f.getMessage() + ")")).toList());
                for (int fold = 0; fold < 3; fold++) {
                    String job = KubeNames.job(ft.getMetadata().getName(), "fold-" + fold);
                    Job j = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
                    out.append("\n    ").append(job).append(": ").append(j == null ? "no Job" : "active "
                            + j.getStatus().getActive() + " succeeded " + j.getStatus().getSucceeded()
                            + " failed " + j.getStatus().getFailed());
                    client.pods().inNamespace(namespace).withLabel(TestKubelet.POD_JOB_LABEL, job).list().getItems()
                            .forEach(p -> out.append(", pod ").append(p.getMetadata().getName()).append(' ')
                                    .append(p.getStatus() == null ? null : p.getStatus().getPhase()));
                }
            }
        }
        return out.toString();
    }

    /** Every Job uid ever seen per Job name in the namespace (a Job made twice shows two). */
    private final class JobLedger implements AutoCloseable {
        private final Map<String, Set<String>> uids = new ConcurrentHashMap<>();
        private final SharedIndexInformer<Job> informer;

        JobLedger() {
            informer = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Job job) {
                    seen(job);
                }

                @Override
                public void onUpdate(Job old, Job job) {
                    seen(job);
                }

                @Override
                public void onDelete(Job job, boolean unknown) {
                    seen(job);
                }
            });
        }

        private void seen(Job job) {
            uids.computeIfAbsent(job.getMetadata().getName(), n -> ConcurrentHashMap.newKeySet()).add(job.getMetadata().getUid());
        }

        Set<String> uids(String job) {
            // Jobs are also listed now, in case the informer missed a short-lived one's events
            client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::seen);
            return uids.getOrDefault(job, Set.of());
        }

        int jobs() {
            return uids.size();
        }

        @Override
        public void close() {
            informer.close();
        }
    }

    /** Ends every running pod of the prefix's fold Jobs with exit 0 and its fold's known result, on its own thread. */
    private final class Finisher implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Finisher(String prefix) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        finishRunning(prefix);
                    } catch (RuntimeException | AssertionError e) {
                        // a pod gone or changed meanwhile: the next round sees it again
                    }
                    sleepQuietly(150);
                }
            }, "fault-scenario-finisher");
            thread.start();
        }

        private void finishRunning(String prefix) {
            List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).list().getItems());
            for (Pod pod : pods) {
                Map<String, String> labels = pod.getMetadata().getLabels();
                String name = labels == null ? null : labels.get(Kubetune.LABEL_NAME);
                String job = labels == null ? null : labels.get(TestKubelet.POD_JOB_LABEL);
                if (name == null || job == null || !name.startsWith(prefix + "-") || pod.getStatus() == null
                        || !"Running".equals(pod.getStatus().getPhase())) {
                    continue;
                }
                int training = Integer.parseInt(name.substring(prefix.length() + 1));
                int fold = Integer.parseInt(job.substring(job.lastIndexOf('-') + 1));
                kubelet.succeed(job, null, Manifests.foldResult(namespace, name, fold, accuracy(training, fold),
                        accuracy(training, fold)));
            }
        }

        @Override
        public void close() {
            running.set(false);
            join(thread);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

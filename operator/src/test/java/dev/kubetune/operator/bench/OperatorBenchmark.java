package dev.kubetune.operator.bench;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.scenarios.Manifests;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.TestKubelet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Operator benchmark (a test-scope main program, not a test: {@code verify} never runs it; see
 * {@code bench/operator.sh}). Against the fabric8 mock API server in CRUD mode ({@link MockCluster}), or
 * with {@code --server real} a real etcd + kube-apiserver ({@link BenchServer}), it creates {@code --count} FoldTrainings with {@code --k} folds, lets {@link TestKubelet} run and
 * finish every fold's Job as soon as its pod runs, and reports:
 * <ul>
 * <li>the mock server alone: time to create {@code count × k} ConfigMaps with a plain client;</li>
 * <li>time until all {@code count × k} Jobs exist and until every FoldTraining is Ready;</li>
 * <li>harvest lag p50/p99/max: the pod's termination (seen by a watch, and the kubelet call that
 * terminated it) → the fold's status {@code Succeeded} (seen by a watch on the FoldTrainings);</li>
 * <li>reconciles per second; the operator's heap and RSS.</li>
 * </ul>
 * By default the operator runs in its own JVM ({@code --role operator}, started by this program with
 * {@code --operator-jvm-opts}), so its heap and RSS are its own and not the mock server's, the
 * kubelet's or this harness's. {@code --in-process} runs everything in one JVM.
 */
public final class OperatorBenchmark {

    static final String NAMESPACE = "bench";
    /** Client threads that create the FoldTrainings. */
    static final int CREATORS = 4;

    /** Threads of the fast kubelet (pod starts) and of the finishers (pod terminations). */
    static int kubeletThreads = 8;

    private OperatorBenchmark() {
    }

    /** Held so that the levels set on them stick (JUL keeps loggers weakly). */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        // the mock web server logs every request at INFO: that alone costs more than the operator
        for (String logger : List.of("io.fabric8.mockwebserver", "okhttp3.mockwebserver")) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(logger);
            l.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(l);
        }
        if ("operator".equals(opts.get("role"))) {
            OperatorSide.runOperator(opts);
            return;
        }
        boolean real = "real".equals(opts.getOrDefault("server", "mock"));
        int count = Integer.parseInt(opts.getOrDefault("count", "1000"));
        int k = Integer.parseInt(opts.getOrDefault("k", "5"));
        long timeoutS = Long.parseLong(opts.getOrDefault("timeout", "900"));
        boolean inProcess = opts.containsKey("in-process");
        String jvmOpts = opts.getOrDefault("operator-jvm-opts", "-Xmx256m");
        boolean fast = !"test".equals(opts.getOrDefault("kubelet", "fast"));
        kubeletThreads = Integer.parseInt(opts.getOrDefault("kubelet-threads", "8"));
        System.out.printf(Locale.ROOT, "operator benchmark: %d FoldTrainings x k=%d = %d Jobs; %d cores; operator %s; "
                        + "%s kubelet%n", count, k, count * k, Runtime.getRuntime().availableProcessors(),
                inProcess ? "in this JVM" : "in its own JVM (" + jvmOpts + ")", fast ? "fast" : "test");
        if (!opts.containsKey("skip-baseline") && !real) {
            MockServerBaseline.measure(count * k);
        }
        if (opts.containsKey("baseline-only")) {
            System.exit(0);
        }
        BenchServer server = real ? BenchServer.real() : BenchServer.mock();
        System.out.println("API server: " + server.name());
        int code = run(server, count, k, timeoutS, inProcess, jvmOpts, fast, opts.containsKey("preload"));
        System.exit(code);
    }

    /** Creates {@code count} FoldTrainings on {@link #CREATORS} threads; {@code doneAt} gets the time the last one was. */
    static ExecutorService createFoldTrainings(KubernetesClient client, int count, int k, AtomicLong doneAt) {
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        java.util.concurrent.atomic.AtomicInteger toCreate = new java.util.concurrent.atomic.AtomicInteger(count);
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "ft-%05d", i);
            creators.submit(() -> {
                try {
                    client.resource(Manifests.foldTraining(NAMESPACE, name, k, null, 2)).create();
                } catch (RuntimeException e) {
                    System.err.println("creating " + name + ": " + e);
                }
                if (toCreate.decrementAndGet() == 0) {
                    doneAt.set(System.nanoTime());
                }
            });
        }
        creators.shutdown();
        return creators;
    }

    static int run(BenchServer server, int count, int k, long timeoutS, boolean inProcess, String jvmOpts,
                   boolean fast, boolean preloaded) throws Exception {
        int jobsWanted = count * k;
        KubernetesClient client = server.client();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        long preloadStart = System.nanoTime();
        if (preloaded) {
            AtomicLong done = new AtomicLong();
            createFoldTrainings(client, count, k, done).awaitTermination(timeoutS, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "preloaded %d FoldTrainings in %.1f s; now the operator starts%n", count,
                    seconds(done.get() - preloadStart));
        }

        // the operator
        long operatorLaunched = System.nanoTime();
        OperatorHandle operator = inProcess ? OperatorHandle.inProcess(client, server.serverSideApply())
                : OperatorHandle.child(server.operatorArgs(), jvmOpts);
        TestKubelet kubelet = fast ? null : new TestKubelet(client, NAMESPACE).start();
        FastKubelet fastKubelet = fast ? new FastKubelet(client, NAMESPACE, kubeletThreads).start() : null;

        // what the harness watches
        long[] start = {0};
        Set<String> jobs = ConcurrentHashMap.newKeySet();
        AtomicLong allJobsAt = new AtomicLong();
        Map<String, Long> podTerminatedSeen = new ConcurrentHashMap<>();
        Map<String, Long> finishCalled = new ConcurrentHashMap<>();
        Map<String, Long> foldSucceededSeen = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        LinkedBlockingQueue<Pod> toFinish = new LinkedBlockingQueue<>();
        Set<String> queued = ConcurrentHashMap.newKeySet();

        SharedIndexInformer<Job> jobInformer = client.batch().v1().jobs().inNamespace(NAMESPACE)
                .inform(handler(job -> {
                    if (jobs.add(job.getMetadata().getName()) && jobs.size() == jobsWanted) {
                        allJobsAt.set(System.nanoTime());
                    }
                }));
        SharedIndexInformer<Pod> podInformer = client.pods().inNamespace(NAMESPACE).inform(handler(pod -> {
            String job = pod.getMetadata().getLabels().get(TestKubelet.JOB_NAME_LABEL);
            if (pod.getStatus() == null) {
                return;
            }
            String phase = pod.getStatus().getPhase();
            if ("Running".equals(phase) && queued.add(job)) {
                toFinish.add(pod);
            } else if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                podTerminatedSeen.putIfAbsent(job, System.nanoTime());
            }
        }));
        SharedIndexInformer<FoldTraining> ftInformer = client.resources(FoldTraining.class).inNamespace(NAMESPACE)
                .inform(handler(ft -> {
                    long now = System.nanoTime();
                    if (ft.getStatus() == null) {
                        return;
                    }
                    for (FoldStatus fold : ft.getStatus().getFolds()) {
                        if (fold.getPhase() == UnitPhase.Succeeded && fold.getJob() != null) {
                            foldSucceededSeen.putIfAbsent(fold.getJob(), now);
                        }
                    }
                    if (ft.getStatus().getPhase() == Phase.Succeeded
                            && Conditions.isTrue(ft.getStatus().getConditions(), ConditionType.READY)) {
                        readyAt.putIfAbsent(ft.getMetadata().getName(), now);
                    }
                }));

        // the finishers: terminate each running pod with a result, as soon as it runs
        Runnable finish = () -> {
            try {
                while (true) {
                    Pod pod = toFinish.take();
                    Map<String, String> labels = pod.getMetadata().getLabels();
                    String job = labels.get(TestKubelet.JOB_NAME_LABEL);
                    String name = labels.get(Kubetune.LABEL_NAME);
                    int fold = WorkUnit.parse(labels.get(Kubetune.LABEL_UNIT)).index();
                    var result = Manifests.foldResult(NAMESPACE, name, fold, 0.5 + fold / 100.0, 0.5);
                    try {
                        if (fast) {
                            // the pod's Running status can reach the watch before the kubelet noted it
                            for (int i = 0; i < 5000 && !fastKubelet.isRunning(job); i++) {
                                Thread.sleep(1);
                            }
                            finishCalled.put(job, System.nanoTime());
                            fastKubelet.succeed(job, result.toBoundedJson());
                        } else {
                            finishCalled.put(job, System.nanoTime());
                            kubelet.succeed(job, null, result);
                        }
                    } catch (RuntimeException | AssertionError e) {
                        System.err.println("finishing " + job + ": " + e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // the test kubelet serialises its calls under one lock: one finisher is all it can use
        for (int i = 0; i < (fast ? kubeletThreads : 1); i++) {
            Thread finisher = new Thread(finish, "bench-finisher-" + i);
            finisher.setDaemon(true);
            finisher.start();
        }

        // go
        AtomicLong createdAt = new AtomicLong();
        if (preloaded) {
            start[0] = operatorLaunched; // the figures count from the operator's launch
        } else {
            start[0] = System.nanoTime();
            createFoldTrainings(client, count, k, createdAt);
        }

        long deadline = start[0] + TimeUnit.SECONDS.toNanos(timeoutS);
        long lastReport = System.nanoTime();
        while (readyAt.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            operator.sample();
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  t=%5.1f s: %d Jobs, %d pods finished, %d folds harvested, %d/%d Ready%n",
                        seconds(lastReport - start[0]), jobs.size(), podTerminatedSeen.size(), foldSucceededSeen.size(),
                        readyAt.size(), count);
            }
        }
        long end = System.nanoTime();
        boolean complete = readyAt.size() == count;
        long lastReady = readyAt.values().stream().mapToLong(Long::longValue).max().orElse(end);
        operator.sample();
        OperatorHandle.Stats stats = operator.stats();

        // report
        System.out.printf(Locale.ROOT, "%n== results (%d FoldTrainings, k=%d) ==%n", count, k);
        if (!preloaded) {
            System.out.printf(Locale.ROOT, "FoldTrainings created (%d client threads): %.2f s%n", CREATORS,
                    seconds(createdAt.get() - start[0]));
        }
        System.out.printf(Locale.ROOT, "all %d Jobs exist:        %s%n", jobsWanted,
                allJobsAt.get() == 0 ? "NOT REACHED (" + jobs.size() + " Jobs)" : fmt(seconds(allJobsAt.get() - start[0])));
        System.out.printf(Locale.ROOT, "all %d FoldTrainings Ready: %s%n", count,
                complete ? fmt(seconds(lastReady - start[0])) : "NOT REACHED (" + readyAt.size() + " Ready) after "
                        + fmt(seconds(end - start[0])));
        System.out.printf(Locale.ROOT, "pods finished by the kubelet: %d; folds harvested: %d%n",
                podTerminatedSeen.size(), foldSucceededSeen.size());
        printLag("harvest lag, pod terminated (watch) -> fold Succeeded in status (watch)", podTerminatedSeen,
                foldSucceededSeen);
        printLag("harvest lag, kubelet.succeed() called -> fold Succeeded in status (watch)", finishCalled,
                foldSucceededSeen);
        double span = seconds((complete ? lastReady : end) - start[0]);
        System.out.printf(Locale.ROOT, "reconciles (FoldTraining): %d in %.1f s = %.0f/s; mean %.1f ms, max %.0f ms%n",
                stats.reconciles, span, stats.reconciles / span, stats.reconcileMeanMs, stats.reconcileMaxMs);
        System.out.printf(Locale.ROOT, "operator CPU: %.1f s = %.1f ms per Job (%.0f Jobs/s on one free core)%s%n",
                stats.cpuSeconds, stats.cpuSeconds * 1000 / jobsWanted, jobsWanted / stats.cpuSeconds,
                inProcess ? " (the whole harness)" : "");
        System.out.printf(Locale.ROOT, "operator %s: heap used peak %.0f MiB (after GC at end %.0f MiB, max %.0f MiB); "
                        + "RSS peak %.0f MiB (VmHWM %.0f MiB)%n", inProcess ? "JVM (= whole harness)" : "JVM",
                stats.heapPeakMiB, stats.heapAfterGcMiB, stats.heapMaxMiB, stats.rssPeakMiB, stats.rssHwmMiB);

        jobInformer.close();
        podInformer.close();
        ftInformer.close();
        operator.close();
        if (kubelet != null) {
            kubelet.close();
        }
        if (fastKubelet != null) {
            fastKubelet.close();
        }
        server.close();
        return complete ? 0 : 1;
    }

    private static void printLag(String what, Map<String, Long> from, Map<String, Long> to) {
        List<Double> lags = new ArrayList<>();
        for (var e : to.entrySet()) {
            Long t0 = from.get(e.getKey());
            if (t0 != null) {
                lags.add((e.getValue() - t0) / 1e6);
            }
        }
        Collections.sort(lags);
        if (lags.isEmpty()) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%s (n=%d): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", what, lags.size(),
                pct(lags, 0.50), pct(lags, 0.99), lags.get(lags.size() - 1));
    }

    private static double pct(List<Double> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String fmt(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i] + " in " + Arrays.toString(args));
            }
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                opts.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(key, args[++i]);
            } else {
                opts.put(key, "true");
            }
        }
        return opts;
    }
}

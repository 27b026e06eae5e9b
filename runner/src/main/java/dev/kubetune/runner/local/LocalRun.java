package dev.kubetune.runner.local;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.runner.report.ReportConfig;
import dev.kubetune.runner.report.ReportService;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Sets up a local run (volumes, tasks, parallelism), runs it, and writes the report. */
public final class LocalRun {

    private final List<CustomResource<?, ?>> resources;
    private final Path manifestDir;
    private final LocalVolumes volumes;
    private final StateStore store;
    private final Integer parallel;
    private final boolean force;
    private final PrintWriter out;
    private final Class<?> runnerMain;

    /**
     * @param runnerMain the runner's command-line class: each unit runs as its {@code unit} command in a JVM
     *                   of its own, as in a pod
     */
    public LocalRun(Class<?> runnerMain, List<CustomResource<?, ?>> resources, Path manifestDir, List<String> volumeFlags,
                    Path stateDir, Integer parallel, boolean force, PrintWriter out) {
        this.runnerMain = runnerMain;
        this.resources = resources;
        this.manifestDir = manifestDir;
        this.volumes = new LocalVolumes(LocalVolumes.parse(volumeFlags));
        this.store = new StateStore(stateDir.toAbsolutePath());
        this.parallel = parallel;
        this.force = force;
        this.out = out;
    }

    private ReportConfig reportConfig = ReportConfig.DEFAULT;

    /** The report's comparisons and bootstrap settings. */
    public LocalRun withReportConfig(ReportConfig config) {
        this.reportConfig = config;
        return this;
    }

    /** Runs everything and writes the report; returns the exit code ({@link RunOutcome}). */
    public int execute() throws InterruptedException {
        store.prepare();
        try (StateLock lock = StateLock.acquire(store.root()); LiveUnits live = new LiveUnits()) {
            store.removeStaleTemporaries();
            return execute(live);
        }
    }

    /** Another {@code kubetune run} holds the state dir; the message says which. */
    public static final class StateDirInUse extends RuntimeException {
        StateDirInUse(String message) {
            super(message);
        }
    }

    private int execute(LiveUnits live) throws InterruptedException {
        List<LocalExperiment> experiments = new ArrayList<>();
        List<Path> models = new ArrayList<>();
        for (CustomResource<?, ?> resource : resources) {
            ExperimentSpec spec = (ExperimentSpec) resource.getSpec();
            String name = resource.getKind() + "/" + resource.getMetadata().getName();
            LocalExperiment e = new LocalExperiment(resource, volumes.mounts(spec, manifestDir, name));
            if (!(resource instanceof InferenceRun run) || AdapterDependency.of(run).isEmpty()) {
                e.makeTask(null);
            }
            models.add(Path.of(e.mounts.get(spec.getModel().getVolume())).resolve(spec.getModel().getPath()));
            experiments.add(e);
        }
        int n = parallel != null ? parallel
                : Parallelism.byMemory(experiments.stream().map(LocalExperiment::spec).toList(), models);
        out.printf("kubetune run: %d resource(s), %d unit(s) at a time, state in %s%n", experiments.size(), n, store.root());
        int code = new LocalExecutor(store, n, force, out, live, runnerMain).run(experiments);
        if (live.stopping()) {
            out.printf("%nstopped; status: %s (the next kubetune run reuses what finished)%n", store.root());
            out.flush();
            return code;
        }
        Map<CustomResource<?, ?>, Path> outputRoots = new IdentityHashMap<>();
        for (LocalExperiment e : experiments) {
            String mount = e.mounts.get(e.spec().getOutput().getVolume());
            if (mount != null) {
                outputRoots.put(e.resource, Path.of(mount).toAbsolutePath().normalize());
            }
        }
        ReportService.Report report = ReportService.write(resources, store.root().resolve("report"),
                new ReportService.Inputs(outputRoots::get, reportConfig));
        out.println();
        report.comparisonLines().forEach(line -> out.println("compared: " + line));
        out.printf("status: %s%nreport: %s%nplots:  %s%n", store.root(), report.directory().resolve("report.md"),
                report.files().stream().filter(p -> p.toString().endsWith(".png")).map(p -> p.getFileName().toString()).toList());
        out.flush();
        return code;
    }
}

package dev.kubetune.runner.local;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.UnitOutcome;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitResults;
import dev.kubetune.api.status.UnitStatus;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.unit.UnitRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code kubetune run}: the operator's loop on one machine. Units run as processes (at most
 * {@code parallel} at once), an InferenceRun waits for the FoldTraining adapter it uses, each finished
 * unit updates its resource's status with the shared status logic, and units whose results are in the
 * state dir with unchanged inputs are not run again (unless forced).
 */
final class LocalExecutor {

    private final StateStore store;
    private final int parallel;
    private final boolean force;
    private final PrintWriter out;
    private final LiveUnits live;
    private final Class<?> runnerMain;
    private final java.util.Set<LocalExperiment> checked = new java.util.HashSet<>();

    LocalExecutor(StateStore store, int parallel, boolean force, PrintWriter out, LiveUnits live, Class<?> runnerMain) {
        this.runnerMain = runnerMain;
        this.store = store;
        this.parallel = Math.max(1, parallel);
        this.force = force;
        this.out = out;
        this.live = live;
    }

    private record Finished(LocalExperiment experiment, WorkUnit unit, UnitRunner.Attempt attempt) {
    }

    /** Runs every unit of {@code experiments}; returns the exit code of the run ({@link RunOutcome}). */
    int run(List<LocalExperiment> experiments) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        try {
            resolveDependencies(experiments);
            experiments.forEach(e -> publish(e));
            while (true) {
                boolean reused = false;
                for (LocalExperiment e : experiments) {
                    for (Map.Entry<WorkUnit, UnitStatus> u : e.units.entrySet()) {
                        if (e.task == null || e.spec().isSuspend() || u.getValue().getPhase() != UnitPhase.Pending
                                || live.stopping()) {
                            continue;
                        }
                        if (reuse(e, u.getKey(), u.getValue())) {
                            reused = true;
                        } else if (running < parallel && preflight(e)) {
                            submit(done, e, u.getKey(), u.getValue());
                            running++;
                        }
                    }
                }
                if (reused) {
                    resolveDependencies(experiments);
                    continue;
                }
                printTable(experiments);
                if (running == 0) {
                    break;
                }
                Finished f = take(done);
                running--;
                record(f);
                resolveDependencies(experiments);
            }
        } finally {
            pool.shutdownNow();
        }
        return RunOutcome.exitCode(experiments, live.stopping());
    }

    /** Checks once what all units of {@code e} read; on bad input fails them all, none started. */
    private boolean preflight(LocalExperiment e) {
        if (!checked.add(e)) {
            return true;
        }
        try {
            Preflight.check(e.task);
            return true;
        } catch (BadInputException bad) {
            out.printf("%s: bad input, no unit started: %s%n", e.name(), bad.getMessage());
            failPending(e, bad.getMessage());
            return false;
        }
    }

    /** Fails every pending unit of {@code e} as bad input: they share the input that failed. */
    private void failPending(LocalExperiment e, String message) {
        e.units.values().stream().filter(u -> u.getPhase() == UnitPhase.Pending).forEach(u -> {
            u.setPhase(UnitPhase.Failed);
            u.setFailureReason(ConditionReason.BAD_INPUT);
            u.setMessage(message);
            u.setCompletionTime(UnitResults.timestamp(Instant.now()));
        });
        publish(e);
    }

    private boolean reuse(LocalExperiment e, WorkUnit unit, UnitStatus status) {
        if (force) {
            return false;
        }
        return store.reusable(e.task, unit.name(), e.inputsHash(unit), e.outputRoot()).map(reuse -> {
            if (reuse.problem() != null) {
                out.printf("%s %s: not reusing the stored result: %s; running it again%n", e.name(), unit, reuse.problem());
                return false;
            }
            UnitResults.started(status, Instant.now());
            apply(e, unit, status, new UnitRunner.Attempt(0, reuse.result()));
            out.printf("%s %s: reusing the result in %s%n", e.name(), unit, store.resultFile(e.task, unit.name()));
            return true;
        }).orElse(false);
    }

    private void submit(CompletionService<Finished> done, LocalExperiment e, WorkUnit unit, UnitStatus status) {
        UnitResults.started(status, Instant.now());
        publish(e);
        Path taskFile = store.writeTask(e.task);
        Path resultFile = store.root().resolve("tmp").resolve(e.task.kind() + "-" + e.task.name() + "-" + unit + ".json");
        Path log = store.logFile(e.task, unit.name());
        out.printf("%s %s: started (log: %s)%n", e.name(), unit, log);
        out.flush();
        done.submit(() -> new Finished(e, unit, UnitProcess.run(runnerMain, taskFile, unit.name(), resultFile, log, live)));
    }

    private void record(Finished f) {
        UnitStatus status = f.experiment().units.get(f.unit());
        RunnerResult result = f.attempt().result();
        if (live.stopping() && (result == null || !result.succeeded())) {
            status.setPhase(UnitPhase.Pending);
            status.setFailureReason(RunOutcome.INTERRUPTED);
            status.setMessage("stopped by a signal before it finished; the next kubetune run runs it again");
            publish(f.experiment());
            out.printf("%s %s: stopped%n", f.experiment().name(), f.unit());
            return;
        }
        apply(f.experiment(), f.unit(), status, f.attempt());
        if (status.getPhase() != UnitPhase.Succeeded) {
            Path log = store.logFile(f.experiment().task, f.unit().name());
            out.printf("%s %s: %s (exit %d): %s%n", f.experiment().name(), f.unit(), status.getPhase(),
                    f.attempt().exitCode(), status.getMessage());
            if (f.attempt().exitCode() == ExitCodes.BAD_INPUT) {
                failPending(f.experiment(), "not started: " + f.unit() + " failed with bad input: " + status.getMessage());
            } else {
                out.printf("%s%n", UnitProcess.tail(log, 5));
            }
        }
    }

    private void apply(LocalExperiment e, WorkUnit unit, UnitStatus status, UnitRunner.Attempt attempt) {
        // a unit that wrote no result is told by its log's last line, as a pod by its termination message
        String output = attempt.result() != null ? null : UnitProcess.tail(store.logFile(e.task, unit.name()), 5);
        UnitResults.afterAttempt(status, UnitOutcome.Attempt.of(attempt.exitCode(), attempt.result(), output),
                e.spec().getBackoffLimit(), Instant.now());
        if (status.getPhase() == UnitPhase.Succeeded && attempt.result() != null) {
            store.storeResult(e.task, unit.name(), e.inputsHash(unit), attempt.result(), e.outputRoot());
        }
        publish(e);
    }

    /** Gives waiting InferenceRuns their adapter, or fails them when it can never come. */
    private void resolveDependencies(List<LocalExperiment> experiments) {
        for (LocalExperiment e : experiments) {
            if (e.task != null) {
                continue;
            }
            FoldTrainingRef ref = AdapterDependency.of((InferenceRun) e.resource).orElseThrow();
            LocalExperiment training = experiments.stream().filter(x -> x.resource instanceof FoldTraining
                    && x.resource.getMetadata().getName().equals(ref.getName())).findFirst()
                    .orElseThrow(() -> new BadInputException(e.name() + ": spec.adapter.fromFoldTraining: FoldTraining/"
                            + ref.getName() + " is not in the manifest"));
            AdapterDependency.State state = AdapterDependency.check(ref, (FoldTraining) training.resource);
            if (state instanceof AdapterDependency.Ready ready) {
                e.waitingFor = null;
                e.makeTask(ready.adapterPath());
            } else if (state instanceof AdapterDependency.Waiting waiting) {
                e.waitingFor = waiting.what();
            } else if (state instanceof AdapterDependency.Broken broken) {
                e.waitingFor = null;
                e.makeTask(null);
                e.units.values().forEach(u -> {
                    u.setPhase(UnitPhase.Failed);
                    u.setFailureReason(broken.reason());
                    u.setMessage(broken.message());
                });
            }
            publish(e);
        }
    }

    private void publish(LocalExperiment e) {
        e.refresh(Instant.now());
        store.writeStatus(e.resource);
    }

    private void printTable(List<LocalExperiment> experiments) {
        out.print(StatusTable.render(experiments));
        out.flush();
    }

    private static Finished take(CompletionService<Finished> done) throws InterruptedException {
        Future<Finished> next = done.take();
        try {
            return next.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a unit could not be started: " + e.getCause(), e.getCause());
        }
    }
}

package dev.kubetune.operator.foldtraining;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.plan.UnitPlanner;
import dev.kubetune.api.plan.WorkUnit;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.children.ChildSources;
import dev.kubetune.operator.children.ChildWriter;
import dev.kubetune.operator.children.JobSuspension;
import dev.kubetune.operator.harvest.JobHarvester;
import dev.kubetune.operator.harvest.UnitEvents;
import dev.kubetune.operator.harvest.UnitObservation;
import dev.kubetune.operator.harvest.UnitStatuses;
import dev.kubetune.operator.harvest.UnitReport;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * FoldTraining → one Job per fold, at most {@code spec.scheduling.maxParallelFolds} unfinished at
 * once. Observe (Jobs and pods from the informers) → plan ({@link FoldSchedule}: stale Jobs, Jobs to
 * create; unit entries through the shared status mapping) → act (stale Jobs deleted, task ConfigMap,
 * missing Jobs, suspend) → record ({@link StatusRecorder} with the shared {@link FoldTrainingStatusLogic}).
 */
@ControllerConfiguration(name = "foldtraining")
@Singleton
public class FoldTrainingReconciler implements Reconciler<FoldTraining> {

    private static final String KIND = FoldTraining.KIND;
    /** How often a fold whose Job finished is looked at again while its pod's result is not seen. */
    private static final Duration AWAIT_POD_RESULT_EVERY = Duration.ofSeconds(2);
    /** How often a Job the API server refused (quota, admission) is tried again. */
    static final Duration RETRY_REFUSED_EVERY = Duration.ofSeconds(15);

    private final OperatorSettings settings;
    private final OperatorMetrics metrics;

    @Inject
    public FoldTrainingReconciler(OperatorSettings settings, OperatorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, FoldTraining>> prepareEventSources(EventSourceContext<FoldTraining> context) {
        metrics.unitsByPhase(KIND, () -> context.getPrimaryCache().list()
                .map(ft -> ft.getStatus() == null ? List.<FoldStatus>of() : ft.getStatus().getFolds()));
        return List.of(ChildSources.jobs(context, KIND), ChildSources.pods(context, KIND),
                ChildSources.configMaps(context, KIND));
    }

    @Override
    public UpdateControl<FoldTraining> reconcile(FoldTraining training, Context<FoldTraining> context) {
        var sample = metrics.startReconcile();
        try {
            // observe
            Instant now = Instant.now();
            List<WorkUnit> units = UnitPlanner.units(training.getSpec());
            Map<Integer, Job> jobs = jobsByFold(context.getSecondaryResources(Job.class));
            List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
            Map<Integer, FoldStatus> harvested = succeededFolds(training);

            // plan: a Job made from other inputs (or of a fold that no longer exists) goes, and its fold starts over
            Set<Integer> stale = FoldSchedule.stale(training.getSpec(), units, jobs);
            stale.forEach(harvested::remove);
            Map<Integer, Job> current = new TreeMap<>(jobs);
            current.keySet().removeAll(stale);
            List<UnitObservation> observed = new ArrayList<>();
            List<FoldStatus> folds = new ArrayList<>();
            for (WorkUnit unit : units) {
                Job job = current.get(unit.index());
                UnitObservation o = JobHarvester.unit(unit.index(), job,
                        job == null ? List.of() : pods.stream().filter(p -> JobHarvester.belongsTo(p, job)).toList(), now);
                observed.add(o);
                // a succeeded fold whose Job was deleted keeps its harvested result (and is not run again)
                folds.add(job == null && harvested.containsKey(unit.index()) ? harvested.get(unit.index())
                        : UnitStatuses.fold(o));
            }
            boolean failed = folds.stream().anyMatch(f -> f.getPhase() == UnitPhase.Failed);
            boolean suspend = training.getSpec().isSuspend();
            List<WorkUnit> toCreate = FoldSchedule.toCreate(units, current, harvested.keySet(),
                    training.getSpec().getScheduling().getMaxParallelFolds(), suspend, failed);

            // act
            ChildWriter writer = new ChildWriter(context);
            stale.forEach(fold -> writer.deleteJob(jobs.get(fold)));
            writer.ensureConfigMap(ConfigMapFactory.configMap(training, null));
            String refusal = null;
            for (WorkUnit unit : toCreate) {
                Job job = JobFactory.foldJob(training, unit, settings.jobDefaults());
                ChildWriter.JobCreation created = writer.createJob(job);
                if (created.refusal() != null) {
                    refusal = created.refusal();
                    break;
                }
                if (created.created()) {
                    metrics.jobCreated(KIND);
                }
                folds.get(unit.index()).setJob(job.getMetadata().getName());
                folds.get(unit.index()).setAttempts(0);
            }
            current.values().forEach(job -> JobSuspension.wanted(job, suspend).ifPresent(w -> writer.suspend(job, w)));

            // record
            String createFailure = refusal;
            UpdateControl<FoldTraining> control = recorder(context).record(training, status -> status.setFolds(folds),
                    fresh -> FoldTrainingStatusLogic.update(fresh, now), observed, createFailure, now);
            if (createFailure != null) {
                return control.rescheduleAfter(RETRY_REFUSED_EVERY);
            }
            // a finished Job whose pods' outcome is not seen yet: look again soon even if no pod event comes
            boolean awaiting = observed.stream().anyMatch(UnitObservation::awaitingPodResult);
            return awaiting ? control.rescheduleAfter(AWAIT_POD_RESULT_EVERY) : control;
        } finally {
            metrics.stopReconcile(sample, KIND);
        }
    }

    private StatusRecorder<FoldTraining, FoldTrainingStatus> recorder(Context<FoldTraining> context) {
        return new StatusRecorder<>(FoldTraining::new, FoldTrainingStatus.class, FoldTrainingStatus::getFolds,
                new UnitReport(new UnitEvents(context.getClient()), metrics, KIND, "fold"));
    }

    /**
     * The succeeded folds in status, while the status is of the current generation. Status does not
     * hold a fold's inputs hash, so once the spec changed a succeeded fold whose Job was deleted cannot
     * be shown to be current and is run again (a fold with its Job is judged by the Job's hash).
     */
    private static Map<Integer, FoldStatus> succeededFolds(FoldTraining training) {
        Map<Integer, FoldStatus> succeeded = new TreeMap<>();
        if (training.getStatus() != null && Objects.equals(training.getStatus().getObservedGeneration(),
                training.getMetadata().getGeneration())) {
            training.getStatus().getFolds().stream().filter(f -> f.getPhase() == UnitPhase.Succeeded)
                    .forEach(f -> succeeded.put(f.getIndex(), f));
        }
        return succeeded;
    }

    private static Map<Integer, Job> jobsByFold(Iterable<Job> jobs) {
        Map<Integer, Job> byFold = new TreeMap<>();
        for (Job job : jobs) {
            Map<String, String> labels = job.getMetadata().getLabels();
            String unit = labels == null ? null : labels.get(Kubetune.LABEL_UNIT);
            try {
                WorkUnit parsed = WorkUnit.parse(unit);
                if (parsed.type() == WorkUnit.Type.FOLD) {
                    byFold.put(parsed.index(), job);
                }
            } catch (IllegalArgumentException e) {
                // not a fold Job of ours
            }
        }
        return byFold;
    }
}

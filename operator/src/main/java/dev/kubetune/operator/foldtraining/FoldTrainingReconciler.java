package dev.kubetune.operator.foldtraining;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.contract.WorkUnit;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.plan.UnitPlanner;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.children.ChildSources;
import dev.kubetune.operator.children.ChildWriter;
import dev.kubetune.operator.children.JobSuspension;
import dev.kubetune.operator.children.ServerJobApi;
import dev.kubetune.operator.harvest.JobHarvester;
import dev.kubetune.operator.harvest.UnitEvents;
import dev.kubetune.operator.harvest.UnitObservation;
import dev.kubetune.operator.harvest.UnitReport;
import dev.kubetune.operator.harvest.UnitStatuses;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
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
            JobDefaults defaults = settings.jobDefaults().withFeatures(ServerJobApi.features(context.getClient()));
            List<WorkUnit> units = UnitPlanner.units(training.getSpec());
            Map<Integer, Job> jobs = jobsByFold(context.getSecondaryResources(Job.class));
            List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
            Map<Integer, FoldStatus> harvested = UnitStatuses.succeeded(training.getStatus(),
                    training.getStatus() == null ? List.of() : training.getStatus().getFolds(),
                    training.getMetadata().getGeneration());

            // plan: a Job made from other inputs (or of a fold that no longer exists) goes, and its fold starts over
            Set<Integer> stale = FoldSchedule.stale(training.getSpec(), units, jobs);
            stale.forEach(harvested::remove);
            Map<Integer, Job> current = new TreeMap<>(jobs);
            current.keySet().removeAll(stale);
            List<UnitObservation> observed = new ArrayList<>();
            List<FoldStatus> folds = new ArrayList<>();
            Map<Job, SortedSet<String>> podsSeen = new LinkedHashMap<>();
            for (WorkUnit unit : units) {
                Job job = current.get(unit.index());
                List<Pod> own = job == null ? List.of() : pods.stream().filter(p -> JobHarvester.belongsTo(p, job)).toList();
                UnitObservation o = JobHarvester.unit(unit.index(), job, own, now);
                if (job != null) {
                    podsSeen.put(job, JobHarvester.podsSeen(job, own));
                }
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
            // a pod deleted later still counts as an attempt
            podsSeen.forEach(writer::recordPodsSeen);
            writer.ensureConfigMap(ConfigMapFactory.configMap(training, null));
            String refusal = null;
            for (WorkUnit unit : toCreate) {
                Job job = JobFactory.foldJob(training, unit, defaults);
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
            if (defaults.features().jobSuspend()) {
                current.values().forEach(job -> JobSuspension.wanted(job, suspend).ifPresent(w -> writer.suspend(job, w)));
            }
            // without podFailurePolicy the Job would retry a pod that exited with bad input: end it
            if (!defaults.features().podFailurePolicy()) {
                for (FoldStatus fold : folds) {
                    Job job = current.get(fold.getIndex());
                    if (fold.getPhase() == UnitPhase.Failed && job != null && !JobHarvester.isFinished(job)) {
                        writer.endJob(job);
                    }
                }
            }

            // record
            String createFailure = refusal;
            UpdateControl<FoldTraining> control = recorder(context).record(training, status -> status.setFolds(folds),
                    fresh -> {
                        FoldTrainingStatusLogic.update(fresh, now);
                        ServerJobApi.queueCondition(fresh.getStatus().getConditions(), training.getSpec(), defaults,
                                training.getMetadata().getGeneration(), now);
                    }, observed, createFailure, now);
            if (createFailure != null) {
                return control.rescheduleAfter(RETRY_REFUSED_EVERY);
            }
            // a finished Job whose pods' outcome is not seen yet: look again soon even if no pod event comes
            boolean awaiting = observed.stream().anyMatch(UnitObservation::awaitingPodResult);
            return awaiting ? control.rescheduleAfter(JobHarvester.POD_RESULT_RECHECK) : control;
        } finally {
            metrics.stopReconcile(sample, KIND);
        }
    }

    private StatusRecorder<FoldTraining, FoldTrainingStatus> recorder(Context<FoldTraining> context) {
        return new StatusRecorder<>(FoldTraining::new, FoldTrainingStatus.class, FoldTrainingStatus::getFolds,
                new UnitReport(new UnitEvents(context.getClient()), metrics, KIND, "fold"));
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

package dev.kubetune.operator.foldtraining;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.plan.UnitPlanner;
import dev.kubetune.api.plan.WorkUnit;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.StatusJson;
import dev.kubetune.operator.children.ChildSources;
import dev.kubetune.operator.children.ChildWriter;
import dev.kubetune.operator.children.ServerJobApi;
import dev.kubetune.operator.harvest.JobHarvester;
import dev.kubetune.operator.harvest.UnitEvents;
import dev.kubetune.operator.harvest.UnitObservation;
import dev.kubetune.operator.harvest.UnitStatuses;
import dev.kubetune.operator.harvest.UnitReport;
import dev.kubetune.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FoldTraining → one Job per fold, at most {@code spec.scheduling.maxParallelFolds} unfinished at
 * once. Observe (Jobs and pods from the informers; Jobs made from other inputs deleted) → plan
 * ({@link FoldSchedule}) → act (task ConfigMap, missing Jobs, suspend) → record (status from the shared {@link FoldTrainingStatusLogic},
 * patched only when it changed).
 */
@ControllerConfiguration(name = "foldtraining")
@Singleton
public class FoldTrainingReconciler implements Reconciler<FoldTraining> {

    private static final String KIND = FoldTraining.KIND;

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
            ChildWriter writer = new ChildWriter(context);

            // a Job made from other inputs (or of a fold that no longer exists) goes, and its fold starts over
            for (Integer fold : FoldSchedule.stale(training.getSpec(), units, jobs)) {
                writer.deleteJob(jobs.remove(fold));
                harvested.remove(fold);
            }
            List<UnitObservation> observed = new ArrayList<>();
            List<FoldStatus> folds = new ArrayList<>();
            for (WorkUnit unit : units) {
                Job job = jobs.get(unit.index());
                List<Pod> own = job == null ? List.of() : pods.stream().filter(p -> JobHarvester.belongsTo(p, job)).toList();
                UnitObservation o = JobHarvester.unit(unit.index(), job, own, now);
                if (job != null) {
                    // a pod deleted later still counts as an attempt
                    writer.recordPodsSeen(job, JobHarvester.podsSeen(job, own));
                }
                observed.add(o);
                // a succeeded fold whose Job was deleted keeps its harvested result (and is not run again)
                folds.add(job == null && harvested.containsKey(unit.index()) ? harvested.get(unit.index())
                        : UnitStatuses.fold(o));
            }
            boolean failed = folds.stream().anyMatch(f -> f.getPhase() == UnitPhase.Failed);

            // plan
            boolean suspend = training.getSpec().isSuspend();
            List<WorkUnit> toCreate = FoldSchedule.toCreate(units, jobs, harvested.keySet(),
                    training.getSpec().getScheduling().getMaxParallelFolds(), suspend, failed);

            // act
            writer.ensureConfigMap(ConfigMapFactory.configMap(training, null));
            for (WorkUnit unit : toCreate) {
                Job job = JobFactory.foldJob(training, unit, defaults);
                if (writer.createJob(job)) {
                    metrics.jobCreated(KIND);
                }
                folds.get(unit.index()).setJob(job.getMetadata().getName());
                folds.get(unit.index()).setAttempts(0);
            }
            if (defaults.features().jobSuspend()) {
                for (Job job : jobs.values()) {
                    FoldSchedule.suspendWanted(job, suspend).ifPresent(wanted -> writer.suspend(job, wanted));
                }
            }
            // without podFailurePolicy the Job would retry a pod that exited with bad input: end it
            if (!defaults.features().podFailurePolicy()) {
                for (UnitObservation o : observed) {
                    Job job = jobs.get(o.index());
                    if (o.phase() == UnitPhase.Failed && job != null && !JobHarvester.isFinished(job)) {
                        writer.endJob(job);
                    }
                }
            }

            // record
            UpdateControl<FoldTraining> control = record(training, folds, observed, now, defaults, new UnitReport(
                    new UnitEvents(context.getClient()), metrics, KIND, "fold"));
            // a finished Job whose pods' outcome is not seen yet: look again soon even if no pod event comes
            boolean awaiting = observed.stream().anyMatch(o -> JobHarvester.AWAITING_POD_RESULT.equals(o.message()));
            return awaiting ? control.rescheduleAfter(JobHarvester.POD_RESULT_RECHECK) : control;
        } finally {
            metrics.stopReconcile(sample, KIND);
        }
    }

    private UpdateControl<FoldTraining> record(FoldTraining training, List<FoldStatus> folds,
                                               List<UnitObservation> observed, Instant now, JobDefaults defaults,
                                               UnitReport report) {
        FoldTraining fresh = new FoldTraining();
        fresh.setMetadata(new ObjectMetaBuilder()
                .withName(training.getMetadata().getName())
                .withNamespace(training.getMetadata().getNamespace())
                .withGeneration(training.getMetadata().getGeneration())
                // optimistic locking: a status computed from a spec that changed meanwhile is refused
                // (409) and the reconciliation retried, so observedGeneration never runs ahead of the spec
                .withResourceVersion(training.getMetadata().getResourceVersion())
                .build());
        fresh.setSpec(training.getSpec());
        FoldTrainingStatus status = StatusJson.copy(training.getStatus(), FoldTrainingStatus.class);
        status.setFolds(folds);
        fresh.setStatus(status);
        FoldTrainingStatusLogic.update(fresh, now);
        ServerJobApi.queueCondition(status.getConditions(), training.getSpec(), defaults, training.getMetadata().getGeneration(), now);

        List<FoldStatus> before = training.getStatus() == null ? List.of() : training.getStatus().getFolds();
        report.report(training, before, status.getFolds(), observed, now);
        if (StatusJson.same(status, training.getStatus())) {
            return UpdateControl.noUpdate();
        }
        fresh.setSpec(null);
        return UpdateControl.patchStatus(fresh);
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

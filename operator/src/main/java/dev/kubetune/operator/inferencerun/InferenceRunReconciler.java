package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.InferenceRunStatusLogic;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.OperatorSettings;
import dev.kubetune.operator.children.ChildSources;
import dev.kubetune.operator.children.ChildWriter;
import dev.kubetune.operator.children.JobSuspension;
import dev.kubetune.operator.children.ServerJobApi;
import dev.kubetune.operator.harvest.JobHarvester;
import dev.kubetune.operator.harvest.UnitEvents;
import dev.kubetune.operator.harvest.UnitObservation;
import dev.kubetune.operator.harvest.UnitStatuses;
import dev.kubetune.operator.harvest.UnitReport;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * InferenceRun → one Indexed Job, one pod per shard (one Job per shard on a server without Indexed Jobs). When the adapter comes from a FoldTraining the
 * run waits (phase Waiting) until that fold's adapter is in the FoldTraining's status; an informer on
 * FoldTrainings wakes it up. A Job made from other inputs (a new generation that changes them) is
 * replaced, finished or not. Observe → plan → act → record as {@code FoldTrainingReconciler}.
 */
@ControllerConfiguration(name = "inferencerun")
@Singleton
public class InferenceRunReconciler implements Reconciler<InferenceRun> {

    private static final String KIND = InferenceRun.KIND;
    /** How often a Job the API server refused (quota, admission) is tried again. */
    static final Duration RETRY_REFUSED_EVERY = Duration.ofSeconds(15);

    private final OperatorSettings settings;
    private final OperatorMetrics metrics;

    @Inject
    public InferenceRunReconciler(OperatorSettings settings, OperatorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, InferenceRun>> prepareEventSources(EventSourceContext<InferenceRun> context) {
        metrics.unitsByPhase(KIND, () -> context.getPrimaryCache().list()
                .map(ir -> ir.getStatus() == null ? List.<ShardStatus>of() : ir.getStatus().getShards()));
        var trainings = InformerEventSourceConfiguration.from(FoldTraining.class, InferenceRun.class)
                .withName("inferencerun-foldtrainings")
                .withSecondaryToPrimaryMapper((FoldTraining ft) -> context.getPrimaryCache()
                        .list(ir -> ft.getMetadata().getName().equals(trainingName(ir))
                                && ft.getMetadata().getNamespace().equals(ir.getMetadata().getNamespace()))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((InferenceRun ir) -> trainingName(ir) == null ? Set.of()
                        : Set.of(new ResourceID(trainingName(ir), ir.getMetadata().getNamespace())))
                .build();
        return List.of(ChildSources.jobs(context, KIND), ChildSources.pods(context, KIND),
                ChildSources.configMaps(context, KIND), new InformerEventSource<>(trainings, context));
    }

    @Override
    public UpdateControl<InferenceRun> reconcile(InferenceRun run, Context<InferenceRun> context) {
        var sample = metrics.startReconcile();
        try {
            // observe
            Instant now = Instant.now();
            JobDefaults defaults = settings.jobDefaults().withFeatures(ServerJobApi.features(context.getClient()));
            Optional<FoldTraining> training = trainingName(run) == null ? Optional.empty()
                    : context.getSecondaryResource(FoldTraining.class);
            ShardJobs jobs = new ShardJobs(run, defaults, context.getSecondaryResources(Job.class));
            String recordedAdapter = run.getStatus() == null ? null : run.getStatus().getAdapter();
            AdapterResolution resolved = AdapterResolution.resolve(run.getSpec(), training);
            ChildWriter writer = new ChildWriter(context);
            // a Job made from other inputs goes, finished or not: a new generation asks for new results
            boolean replaced = false;
            for (Map.Entry<String, Job> e : jobs.byUnit().entrySet()) {
                if (e.getValue() != null && InferenceRunSchedule.stale(run.getSpec(), e.getKey(), e.getValue(),
                        recordedAdapter, resolved)) {
                    writer.deleteJob(e.getValue());
                    jobs.forget(e.getKey());
                    replaced = true;
                }
            }
            if (replaced) {
                recordedAdapter = null;
            }
            Set<Pod> pods = context.getSecondaryResources(Pod.class);
            List<UnitObservation> observed = jobs.observe(pods, now);

            // plan: Jobs once the adapter is known; existing Jobs keep the adapter they were made with
            AdapterResolution adapter = InferenceRunSchedule.adapter(!jobs.noneExists(), recordedAdapter, resolved);
            // shards that succeeded keep their harvested status when their Job is deleted, and are not run
            // again (while the status is of the current generation: status holds no inputs hash to compare)
            Map<Integer, ShardStatus> harvested = UnitStatuses.succeeded(run.getStatus(),
                    run.getStatus() == null ? List.of() : run.getStatus().getShards(), run.getMetadata().getGeneration());
            List<ShardStatus> statuses = new ArrayList<>(observed.stream().map(UnitStatuses::shard).toList());
            boolean failed = statuses.stream().anyMatch(s -> s.getPhase() == UnitPhase.Failed);
            boolean mayCreate = InferenceRunSchedule.mayCreate(adapter, run.getSpec().isSuspend(), failed);

            // act
            if (!adapter.waiting()) {
                writer.ensureConfigMap(ConfigMapFactory.configMap(run, adapter.adapterPath()));
            }
            String refusal = null;
            for (Map.Entry<String, Job> e : jobs.byUnit().entrySet()) {
                List<Integer> shards = jobs.shardsOf(e.getKey());
                Job job = e.getValue();
                if (job == null && InferenceRunSchedule.harvested(shards, harvested.keySet())) {
                    shards.forEach(i -> statuses.set(i, harvested.get(i)));
                } else if (job == null && mayCreate) {
                    Job wanted = JobFactory.jobs(run, adapter.adapterPath(), defaults).stream()
                            .filter(j -> j.getMetadata().getName().equals(KubeNames.job(run.getMetadata().getName(), e.getKey())))
                            .findFirst().orElseThrow();
                    ChildWriter.JobCreation created = writer.createJob(wanted);
                    if (created.created()) {
                        metrics.jobCreated(KIND);
                    }
                    if (created.refusal() != null) {
                        refusal = created.refusal();
                    } else {
                        shards.forEach(i -> {
                            statuses.get(i).setJob(wanted.getMetadata().getName());
                            statuses.get(i).setAttempts(0);
                        });
                    }
                } else if (job != null && defaults.features().jobSuspend()) {
                    JobSuspension.wanted(job, run.getSpec().isSuspend()).ifPresent(wanted -> writer.suspend(job, wanted));
                }
                if (job != null) {
                    // a pod deleted later still counts as an attempt
                    writer.recordPodsSeen(job, JobHarvester.podsSeen(job, jobs.podsOf(e.getKey(), pods)));
                }
                // without podFailurePolicy the Job would retry a pod that exited with bad input: end it
                if (job != null && !defaults.features().podFailurePolicy() && !JobHarvester.isFinished(job)
                        && shards.stream().anyMatch(i -> statuses.get(i).getPhase() == UnitPhase.Failed)) {
                    writer.endJob(job);
                }
            }

            // record
            String createFailure = refusal;
            UpdateControl<InferenceRun> control = recorder(context).record(run, status -> {
                status.setShards(statuses);
                status.setAdapter(adapter.adapterPath());
            }, fresh -> {
                InferenceRunStatusLogic.update(fresh, adapter.waitingReason(), adapter.waitingFor(), now);
                ServerJobApi.queueCondition(fresh.getStatus().getConditions(), run.getSpec(), defaults,
                        run.getMetadata().getGeneration(), now);
            }, observed, createFailure, now);
            if (createFailure != null) {
                return control.rescheduleAfter(RETRY_REFUSED_EVERY);
            }
            // a shard's own Job finished while its pod's outcome is not seen yet: look again soon
            boolean awaiting = observed.stream().anyMatch(UnitObservation::awaitingPodResult);
            return awaiting ? control.rescheduleAfter(JobHarvester.POD_RESULT_RECHECK) : control;
        } finally {
            metrics.stopReconcile(sample, KIND);
        }
    }

    private StatusRecorder<InferenceRun, InferenceRunStatus> recorder(Context<InferenceRun> context) {
        return new StatusRecorder<>(InferenceRun::new, InferenceRunStatus.class, InferenceRunStatus::getShards,
                new UnitReport(new UnitEvents(context.getClient()), metrics, KIND, "shard"));
    }

    private static String trainingName(InferenceRun run) {
        FoldTrainingRef ref = run.getSpec() == null || run.getSpec().getAdapter() == null ? null
                : run.getSpec().getAdapter().getFromFoldTraining();
        return ref == null ? null : ref.getName();
    }
}

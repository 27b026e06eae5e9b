package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.InferenceRunStatus;
import dev.kubetune.api.inferencerun.InferenceRunStatusLogic;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.job.ConfigMapFactory;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.api.spec.FoldTrainingRef;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * InferenceRun → one Indexed Job, one pod per shard. When the adapter comes from a FoldTraining the
 * run waits (phase Waiting) until that fold's adapter is in the FoldTraining's status; an informer on
 * FoldTrainings wakes it up. A Job made from other inputs (a new generation that changes them) is
 * replaced, finished or not ({@link InferenceRunSchedule}). Observe → plan → act → record as
 * {@code FoldTrainingReconciler}, with the same {@link StatusRecorder}.
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
            Optional<FoldTraining> training = trainingName(run) == null ? Optional.empty()
                    : context.getSecondaryResource(FoldTraining.class);
            Optional<Job> found = context.getSecondaryResources(Job.class).stream()
                    .filter(j -> j.getMetadata().getName().equals(
                            KubeNames.job(run.getMetadata().getName(), JobFactory.SHARDS_UNIT)))
                    .findFirst();
            String recordedAdapter = run.getStatus() == null ? null : run.getStatus().getAdapter();
            AdapterResolution resolved = AdapterResolution.resolve(run.getSpec(), training);

            // plan (InferenceRunSchedule): a stale Job goes; an existing Job keeps the adapter it was made with
            boolean stale = found.isPresent() && InferenceRunSchedule.stale(run.getSpec(), found.get(), recordedAdapter,
                    resolved);
            Optional<Job> job = stale ? Optional.empty() : found;
            List<Pod> pods = job.map(j -> context.getSecondaryResources(Pod.class).stream()
                    .filter(p -> JobHarvester.belongsTo(p, j)).toList()).orElse(List.of());
            List<UnitObservation> observed = JobHarvester.shards(run.getSpec().getShards(), job.orElse(null), pods);
            AdapterResolution adapter = InferenceRunSchedule.adapter(job.isPresent(), stale ? null : recordedAdapter,
                    resolved);
            boolean harvested = InferenceRunSchedule.harvested(run, job.isPresent());
            boolean create = InferenceRunSchedule.create(job.isPresent(), harvested, adapter, run.getSpec().isSuspend());
            List<ShardStatus> shards = new ArrayList<>(harvested ? run.getStatus().getShards()
                    : observed.stream().map(UnitStatuses::shard).toList());

            // act
            ChildWriter writer = new ChildWriter(context);
            if (stale) {
                writer.deleteJob(found.get());
            }
            if (!adapter.waiting()) {
                writer.ensureConfigMap(ConfigMapFactory.configMap(run, adapter.adapterPath()));
            }
            String refusal = null;
            if (create) {
                Job wanted = JobFactory.shardsJob(run, adapter.adapterPath(), settings.jobDefaults());
                ChildWriter.JobCreation created = writer.createJob(wanted);
                refusal = created.refusal();
                if (created.created()) {
                    metrics.jobCreated(KIND);
                }
                if (refusal == null) {
                    shards.forEach(s -> {
                        s.setJob(wanted.getMetadata().getName());
                        s.setAttempts(0);
                    });
                }
            }
            job.ifPresent(j -> JobSuspension.wanted(j, run.getSpec().isSuspend()).ifPresent(w -> writer.suspend(j, w)));

            // record
            UpdateControl<InferenceRun> control = recorder(context).record(run, status -> {
                status.setShards(shards);
                status.setAdapter(adapter.adapterPath());
            }, fresh -> InferenceRunStatusLogic.update(fresh, adapter.waitingReason(), adapter.waitingFor(), now),
                    observed, refusal, now);
            return refusal == null ? control : control.rescheduleAfter(RETRY_REFUSED_EVERY);
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

package dev.kubetune.operator.harvest;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.ChildMetadata;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a Job and its pods into {@link UnitObservation}s (pure): one for a fold's Job, one per
 * completion index for an InferenceRun's Indexed Job.
 */
public final class JobHarvester {

    /** The annotation (and, from Kubernetes 1.28, label) with an Indexed Job pod's index. */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    /** The label Kubernetes puts on a Job's pods. */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    private JobHarvester() {
    }

    /**
     * How long after a Job finished its unit waits for the pod informer to show the pods' outcome; past it,
     * the unit is recorded from the Job alone (pods deleted meanwhile, or stuck terminating on a lost node).
     */
    public static final Duration POD_RESULT_GRACE = Duration.ofSeconds(30);
    /** How often a unit awaiting its pod's result is looked at again, even without a pod event. */
    public static final Duration POD_RESULT_RECHECK = Duration.ofSeconds(2);
    /** The message of a unit whose Job finished while its pods' outcome is not seen yet. */
    public static final String AWAITING_POD_RESULT = "Job finished; waiting for its pod's result";

    /** The unit that {@code job} (null: not created yet) runs alone, from its pods, as seen at {@code now}. */
    public static UnitObservation unit(int index, Job job, List<Pod> pods, Instant now) {
        if (job == null) {
            return UnitObservation.notStarted(index);
        }
        int attempts = podsSeen(job, pods).size();
        String start = job.getStatus() == null ? null : job.getStatus().getStartTime();
        Optional<Pod> last = PodResults.lastTerminated(pods);
        RunnerResult result = last.flatMap(PodResults::result).orElse(null);
        Instant terminatedAt = last.flatMap(PodResults::finishedAt).orElse(null);
        Optional<JobCondition> complete = condition(job, "Complete");
        if (awaitsPodResult(job, pods, now)) {
            // the Job informer can be ahead of the pod informer: a finished fold Job's pods have all ended, so
            // wait for the last one's result rather than record a success without metrics or the Job's reason
            return new UnitObservation(index, UnitPhase.Running, name(job), attempts, start, null, null, null,
                    AWAITING_POD_RESULT, null);
        }
        if (complete.isPresent()) {
            return new UnitObservation(index, UnitPhase.Succeeded, name(job), attempts, start, finishedTime(job),
                    result, null, result == null ? null : result.message(), terminatedAt);
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            Failure why = failure(last, result, failed.get());
            return new UnitObservation(index, UnitPhase.Failed, name(job), attempts, start,
                    failed.get().getLastTransitionTime(), result, why.reason(), why.message(), terminatedAt);
        }
        Optional<UnitObservation> badInput = badInput(index, job, pods, start, attempts);
        if (badInput.isPresent()) {
            return badInput.get();
        }
        UnitPhase phase = isSuspended(job) ? UnitPhase.Pending : running(job, pods) ? UnitPhase.Running : UnitPhase.Pending;
        return new UnitObservation(index, phase, name(job), attempts, start, null, null, null,
                isSuspended(job) ? "suspended" : null, null);
    }

    /** The {@code shards} units of an Indexed Job (null: not created yet), from its pods. */
    public static List<UnitObservation> shards(int shards, Job job, List<Pod> pods) {
        List<UnitObservation> units = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            units.add(job == null ? UnitObservation.notStarted(i) : shard(i, job, podsOf(pods, i)));
        }
        return units;
    }

    private static UnitObservation shard(int index, Job job, List<Pod> pods) {
        String start = job.getStatus() == null ? null : job.getStatus().getStartTime();
        Optional<Pod> succeeded = pods.stream().filter(p -> PodResults.exitCode(p).orElse(-1) == ExitCodes.DONE)
                .findFirst();
        Optional<Pod> last = succeeded.isPresent() ? succeeded : PodResults.lastTerminated(pods);
        RunnerResult result = last.flatMap(PodResults::result).orElse(null);
        Instant terminatedAt = last.flatMap(PodResults::finishedAt).orElse(null);
        String finished = last.flatMap(PodResults::terminated).map(t -> t.getFinishedAt()).orElse(null);
        if (succeeded.isPresent()) {
            return new UnitObservation(index, UnitPhase.Succeeded, name(job), pods.size(), start, finished, result,
                    null, result == null ? null : result.message(), terminatedAt);
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            Failure why = failure(last, result, failed.get());
            return new UnitObservation(index, UnitPhase.Failed, name(job), pods.size(), start,
                    failed.get().getLastTransitionTime(), result, why.reason(), why.message(), terminatedAt);
        }
        Optional<UnitObservation> badInput = badInput(index, job, pods, start, pods.size());
        if (badInput.isPresent()) {
            return badInput.get();
        }
        UnitPhase phase = isSuspended(job) ? UnitPhase.Pending : running(job, pods) ? UnitPhase.Running : UnitPhase.Pending;
        return new UnitObservation(index, phase, name(job), pods.size(), start, null, null, null,
                isSuspended(job) ? "suspended" : null, null);
    }

    /**
     * A unit of an unfinished Job one of whose pods exited with the bad-input code: failed at once, with
     * that pod's result. (With {@code podFailurePolicy} the Job fails by itself; without it, on older API
     * servers, the Job would retry a pod that cannot succeed: the reconciler ends the Job.)
     */
    private static Optional<UnitObservation> badInput(int index, Job job, List<Pod> pods, String start, int attempts) {
        Optional<Pod> bad = pods.stream().filter(p -> PodResults.exitCode(p).orElse(-1) == ExitCodes.BAD_INPUT)
                .findFirst();
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        RunnerResult result = bad.flatMap(PodResults::result).orElse(null);
        Failure why = failure(bad, result, null);
        return Optional.of(new UnitObservation(index, UnitPhase.Failed, name(job), attempts, start,
                bad.flatMap(PodResults::terminated).map(t -> t.getFinishedAt()).orElse(null), result,
                why.reason(), why.message(), bad.flatMap(PodResults::finishedAt).orElse(null)));
    }

    /** Why a unit failed: the runner's own reason, BadInput for exit 65, else the Job's reason (failed: null for none). */
    private static Failure failure(Optional<Pod> last, RunnerResult result, JobCondition failed) {
        String message = result != null && result.message() != null ? result.message()
                : last.flatMap(PodResults::rawMessage).orElse(failed == null ? "exit code " + ExitCodes.BAD_INPUT
                        : failed.getMessage());
        if (result != null && !result.succeeded() && result.reason() != null) {
            return new Failure(result.reason(), message);
        }
        if (last.flatMap(PodResults::exitCode).orElse(-1) == ExitCodes.BAD_INPUT) {
            return new Failure(ConditionReason.BAD_INPUT, message);
        }
        String reason = failed == null || failed.getReason() == null || failed.getReason().isBlank()
                ? ConditionReason.BACKOFF_LIMIT_EXCEEDED : failed.getReason();
        return new Failure(reason, message);
    }

    private record Failure(String reason, String message) {
    }

    /**
     * Whether {@code job} finished less than {@link #POD_RESULT_GRACE} ago while the pods seen do not show
     * its outcome yet: one of them has not terminated, or none is seen though the Job counts finished pods.
     */
    static boolean awaitsPodResult(Job job, List<Pod> pods, Instant now) {
        if (!isFinished(job)) {
            return false;
        }
        boolean lagging = pods.isEmpty() ? finishedPods(job) > 0
                : pods.stream().anyMatch(p -> PodResults.terminated(p).isEmpty());
        Instant finished = finishedAt(job);
        return lagging && (finished == null || now.isBefore(finished.plus(POD_RESULT_GRACE)));
    }

    private static int finishedPods(Job job) {
        var status = job.getStatus();
        return (status.getSucceeded() == null ? 0 : status.getSucceeded()) + (status.getFailed() == null ? 0 : status.getFailed());
    }

    /** When a finished Job finished (RFC 3339): its completion time, else its Complete or Failed condition's. */
    private static String finishedTime(Job job) {
        return job.getStatus().getCompletionTime() != null ? job.getStatus().getCompletionTime()
                : condition(job, "Complete").or(() -> condition(job, "Failed"))
                        .map(JobCondition::getLastTransitionTime).orElse(null);
    }

    private static Instant finishedAt(Job job) {
        String at = finishedTime(job);
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The names of {@code job}'s pods seen so far: those recorded on it ({@link ChildMetadata#ANNOTATION_PODS_SEEN})
     * and those of {@code pods}; their number is the unit's attempts.
     */
    public static SortedSet<String> podsSeen(Job job, List<Pod> pods) {
        SortedSet<String> seen = new TreeSet<>();
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String recorded = annotations == null ? null : annotations.get(ChildMetadata.ANNOTATION_PODS_SEEN);
        if (recorded != null && !recorded.isBlank()) {
            seen.addAll(List.of(recorded.split(",")));
        }
        pods.forEach(p -> seen.add(p.getMetadata().getName()));
        return seen;
    }

    /** Whether the Job is finished (Complete or Failed). */
    public static boolean isFinished(Job job) {
        return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
    }

    public static boolean isSuspended(Job job) {
        return job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    private static boolean running(Job job, List<Pod> pods) {
        boolean active = job.getStatus() != null && job.getStatus().getActive() != null && job.getStatus().getActive() > 0;
        return active || pods.stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static List<Pod> podsOf(List<Pod> pods, int index) {
        String wanted = Integer.toString(index);
        return pods.stream().filter(p -> wanted.equals(completionIndex(p))).toList();
    }

    /** An Indexed Job pod's index, from its annotation or label. */
    public static String completionIndex(Pod pod) {
        var meta = pod.getMetadata();
        if (meta.getAnnotations() != null && meta.getAnnotations().containsKey(COMPLETION_INDEX)) {
            return meta.getAnnotations().get(COMPLETION_INDEX);
        }
        return meta.getLabels() == null ? null : meta.getLabels().get(COMPLETION_INDEX);
    }

    /** Whether {@code pod} belongs to {@code job}: by owner reference (name and uid: not a deleted namesake's), else by the job-name label. */
    public static boolean belongsTo(Pod pod, Job job) {
        var meta = pod.getMetadata();
        if (meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty()) {
            String uid = job.getMetadata().getUid();
            return meta.getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind())
                    && name(job).equals(o.getName()) && (uid == null || o.getUid() == null || uid.equals(o.getUid())));
        }
        return meta.getLabels() != null && name(job).equals(meta.getLabels().get(JOB_NAME_LABEL));
    }

    private static String name(Job job) {
        return job.getMetadata().getName();
    }
}

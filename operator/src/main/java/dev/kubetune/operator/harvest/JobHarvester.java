package dev.kubetune.operator.harvest;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.job.ChildMetadata;
import dev.kubetune.api.status.UnitOutcome;
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
    /** The message of a unit whose Job is suspended. */
    public static final String SUSPENDED = "suspended";

    /** The unit that {@code job} (null: not created yet) runs alone, from its pods, as seen at {@code now}. */
    public static UnitObservation unit(int index, Job job, List<Pod> pods, Instant now) {
        if (job == null) {
            return UnitObservation.of(UnitOutcome.notStarted(index), null);
        }
        Optional<Pod> last = PodResults.lastTerminated(pods);
        Instant terminatedAt = last.flatMap(PodResults::finishedAt).orElse(null);
        UnitOutcome.Builder o = started(index, job, pods).attempts(podsSeen(job, pods).size())
                .last(last.map(JobHarvester::attempt).orElse(null));
        // a pod that exited with bad input decides the unit, whatever else the Job's pods are doing: on a
        // server without podFailurePolicy the Job controller has already started a retry, which ends
        // unterminated once the Job is ended (its deadline), and must not read as a result still to come
        if (badInput(o, pods)) {
            return UnitObservation.of(o.build(), terminatedAt);
        }
        if (awaitsPodResult(job, pods, now)) {
            // the Job informer can be ahead of the pod informer: a finished fold Job's pods have all ended, so
            // wait for the last one's result rather than record a success without metrics or the Job's reason
            return new UnitObservation(o.end(UnitOutcome.End.RUNNING).note(AWAITING_POD_RESULT).build(), null, true);
        }
        Optional<JobCondition> complete = condition(job, "Complete");
        Optional<JobCondition> failed = condition(job, "Failed");
        if (complete.isPresent()) {
            o.ended(UnitOutcome.End.COMPLETE, finishedTime(job), null, null);
        } else if (failed.isPresent()) {
            o.ended(UnitOutcome.End.FAILED, failed.get().getLastTransitionTime(), failed.get().getReason(),
                    failed.get().getMessage());
        } else {
            unfinished(o, job, pods);
        }
        return UnitObservation.of(o.build(), terminatedAt);
    }

    /** The {@code shards} units of an Indexed Job (null: not created yet), from its pods. */
    public static List<UnitObservation> shards(int shards, Job job, List<Pod> pods) {
        List<UnitObservation> units = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            units.add(job == null ? UnitObservation.of(UnitOutcome.notStarted(i), null) : shard(i, job, podsOf(pods, i)));
        }
        return units;
    }

    private static UnitObservation shard(int index, Job job, List<Pod> pods) {
        Optional<Pod> succeeded = pods.stream().filter(p -> PodResults.exitCode(p).orElse(-1) == ExitCodes.DONE)
                .findFirst();
        Optional<Pod> last = succeeded.isPresent() ? succeeded : PodResults.lastTerminated(pods);
        Instant terminatedAt = last.flatMap(PodResults::finishedAt).orElse(null);
        UnitOutcome.Builder o = started(index, job, pods).last(last.map(JobHarvester::attempt).orElse(null));
        Optional<JobCondition> failed = condition(job, "Failed");
        if (succeeded.isPresent()) {
            o.ended(UnitOutcome.End.COMPLETE, succeeded.flatMap(PodResults::terminated)
                    .map(t -> t.getFinishedAt()).orElse(null), null, null);
        } else if (failed.isPresent()) {
            o.ended(UnitOutcome.End.FAILED, failed.get().getLastTransitionTime(), failed.get().getReason(),
                    failed.get().getMessage());
        } else if (!badInput(o, pods)) {
            unfinished(o, job, pods);
        }
        return UnitObservation.of(o.build(), terminatedAt);
    }

    /**
     * A unit of an unfinished Job one of whose pods exited with the bad-input code is failed at once, with
     * that pod's result. (With {@code podFailurePolicy} the Job fails by itself; without it, on older API
     * servers, the Job would retry a pod that cannot succeed: the reconciler ends the Job.) Returns whether it was.
     */
    private static boolean badInput(UnitOutcome.Builder o, List<Pod> pods) {
        Optional<Pod> bad = pods.stream().filter(p -> PodResults.exitCode(p).orElse(-1) == ExitCodes.BAD_INPUT)
                .findFirst();
        bad.ifPresent(p -> o.last(attempt(p)).ended(UnitOutcome.End.FAILED,
                PodResults.terminated(p).map(t -> t.getFinishedAt()).orElse(null), null, null));
        return bad.isPresent();
    }

    private static UnitOutcome.Builder started(int index, Job job, List<Pod> pods) {
        return UnitOutcome.builder(index).job(name(job)).attempts(pods.size())
                .startTime(job.getStatus() == null ? null : job.getStatus().getStartTime());
    }

    private static void unfinished(UnitOutcome.Builder o, Job job, List<Pod> pods) {
        if (isSuspended(job)) {
            o.end(UnitOutcome.End.PENDING).note(SUSPENDED);
        } else {
            o.end(running(job, pods) ? UnitOutcome.End.RUNNING : UnitOutcome.End.PENDING);
        }
    }

    /** What a terminated pod says about its attempt: exit code, and the RunnerResult or else its message's last line. */
    static UnitOutcome.Attempt attempt(Pod pod) {
        return UnitOutcome.Attempt.of(PodResults.exitCode(pod).orElse(null), PodResults.result(pod).orElse(null),
                PodResults.message(pod).orElse(null));
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

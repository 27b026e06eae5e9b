package dev.kubetune.operator.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobHarvesterTest {

    /** Five seconds after the test Jobs finished (00:01:00). */
    static final Instant SOON = Instant.parse("2026-01-01T00:01:05Z");

    @Test
    void noJobIsPending() {
        FoldStatus o = UnitStatuses.fold(JobHarvester.unit(2, null, List.of(), SOON));
        assertThat(o.getPhase()).isEqualTo(UnitPhase.Pending);
        assertThat(o.getJob()).isNull();
    }

    @Test
    void completeJobCarriesTheRunnerResult() {
        RunnerResult result = new RunnerResult("fold-0", true, null, null, Map.of("accuracy", 0.9), "a/b/fold-0/adapter",
                100L, null, null, 10, 20, 2, 1.0, 3);
        UnitObservation observed = JobHarvester.unit(0, job("Complete", null, 0),
                List.of(pod("p1", 0, result.toBoundedJson(), "2026-01-01T00:00:05Z", null)), SOON);
        FoldStatus o = UnitStatuses.fold(observed);
        assertThat(o.getPhase()).isEqualTo(UnitPhase.Succeeded);
        assertThat(observed.outcome().last().result()).isEqualTo(result);
        assertThat(o.getMetrics()).isEqualTo(Map.of("accuracy", 0.9));
        assertThat(o.getAttempts()).isEqualTo(1);
        assertThat(o.getCompletionTime()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(observed.terminatedAt()).hasToString("2026-01-01T00:00:05Z");
        assertThat(o.getAdapter().getSizeBytes()).isEqualTo(100L);
        assertThat(o.getTrainRows()).isEqualTo(20);
        assertThat(o.getTruncatedRows()).isEqualTo(3);
        assertThat(UnitStatuses.shard(observed).getTruncatedRows()).isEqualTo(3);
    }

    @Test
    void finishedJobWhosePodIsNotSeenTerminatedYetIsStillRunning() {
        Job complete = job("Complete", null, 0);
        Pod lagging = new PodBuilder().withNewMetadata().withName("p1").endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
        assertThat(phase(JobHarvester.unit(0, complete, List.of(lagging), SOON))).isEqualTo(UnitPhase.Running);
        assertThat(phase(JobHarvester.unit(0, job("Failed", "PodFailurePolicy", 1), List.of(lagging), SOON)))
                .isEqualTo(UnitPhase.Running);
        assertThat(phase(JobHarvester.unit(0, complete, List.of(), SOON))).as("pods gone: nothing to wait for")
                .isEqualTo(UnitPhase.Succeeded);
    }

    @Test
    void finishedJobWithNoPodSeenWaitsForThePodInformerWithinTheGrace() {
        Job failed = job("Failed", "BackoffLimitExceeded", 1);
        UnitObservation waiting = JobHarvester.unit(0, failed, List.of(), SOON);
        assertThat(phase(waiting)).as("the Job counts a failed pod the pod informer has not shown").isEqualTo(UnitPhase.Running);
        assertThat(waiting.awaitingPodResult()).isTrue();
        assertThat(UnitStatuses.fold(waiting).getMessage()).isEqualTo(JobHarvester.AWAITING_POD_RESULT);
        Instant late = Instant.parse("2026-01-01T00:01:00Z").plus(JobHarvester.POD_RESULT_GRACE);
        UnitObservation given = JobHarvester.unit(0, failed, List.of(), late);
        assertThat(given.awaitingPodResult()).isFalse();
        assertThat(phase(given)).as("past the grace the Job alone decides").isEqualTo(UnitPhase.Failed);
        assertThat(UnitStatuses.fold(given).getFailureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        Pod stuck = new PodBuilder().withNewMetadata().withName("p1").endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
        assertThat(phase(JobHarvester.unit(0, failed, List.of(stuck), late))).as("a pod stuck terminating")
                .isEqualTo(UnitPhase.Failed);
    }

    @Test
    void exit65WithoutAResultIsBadInputWithTheLastLogLine() {
        FoldStatus o = UnitStatuses.fold(JobHarvester.unit(0, job("Failed", "PodFailurePolicy", 1),
                List.of(pod("p1", 65, "loading…\nnotes.csv:3: missing label", "2026-01-01T00:00:05Z", null)), SOON));
        assertThat(o.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(o.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(o.getMessage()).isEqualTo("notes.csv:3: missing label");
    }

    @Test
    void exit65FailsTheUnitAtOnceWhileTheJobWouldStillRetry() {
        // a server without podFailurePolicy (Kubernetes before 1.26): the Job is still active after the pod's exit
        Job active = job(null, null, 1);
        FoldStatus o = UnitStatuses.fold(JobHarvester.unit(0, active, List.of(
                pod("p1", 65, "model folder no-such-model not found", "2026-01-01T00:00:05Z", null)), SOON));
        assertThat(o.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(o.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(o.getMessage()).isEqualTo("model folder no-such-model not found");
        assertThat(o.getCompletionTime()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(o.getAttempts()).isEqualTo(1);
        List<UnitObservation> shards = JobHarvester.shards(2, active, List.of(
                pod("s1", 65, "bad", "2026-01-01T00:00:05Z", "1")));
        assertThat(shards).extracting(JobHarvesterTest::phase).containsExactly(UnitPhase.Pending, UnitPhase.Failed);
        assertThat(phase(JobHarvester.unit(0, active, List.of(pod("p1", 1, "crash", "2026-01-01T00:00:05Z", null)), SOON)))
                .as("any other exit is retried").isNotEqualTo(UnitPhase.Failed);
    }

    @Test
    void aPodDeletedSinceStillCountsAsAnAttemptThroughTheJobsRecord() {
        Job job = job(null, null, 0);
        job.getStatus().setActive(1);
        Pod retry = running("p2", "0");
        assertThat(JobHarvester.unit(0, job, List.of(retry), SOON).outcome().attempts()).as("nothing recorded yet").isEqualTo(1);
        job.getMetadata().setAnnotations(Map.of(dev.kubetune.api.job.ChildMetadata.ANNOTATION_PODS_SEEN, "p1,p2"));
        assertThat(JobHarvester.podsSeen(job, List.of(retry))).containsExactly("p1", "p2");
        assertThat(JobHarvester.unit(0, job, List.of(retry), SOON).outcome().attempts()).as("p1 was deleted").isEqualTo(2);
    }

    @Test
    void retriesUsedUpIsTheJobsReasonWithTheLastPodsMessage() {
        FoldStatus o = UnitStatuses.fold(JobHarvester.unit(0, job("Failed", "BackoffLimitExceeded", 2), List.of(
                pod("p1", 137, "first", "2026-01-01T00:00:05Z", null),
                pod("p2", 1, "second", "2026-01-01T00:00:09Z", null)), SOON));
        assertThat(o.getFailureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        assertThat(o.getMessage()).isEqualTo("second");
        assertThat(o.getAttempts()).isEqualTo(2);
    }

    @Test
    void suspendedJobIsPendingAndActiveOneRunning() {
        Job suspended = job(null, null, 0);
        suspended.getSpec().setSuspend(true);
        assertThat(phase(JobHarvester.unit(0, suspended, List.of(), SOON))).isEqualTo(UnitPhase.Pending);
        Job active = job(null, null, 0);
        active.getStatus().setActive(1);
        assertThat(phase(JobHarvester.unit(0, active, List.of(), SOON))).isEqualTo(UnitPhase.Running);
    }

    @Test
    void indexedJobGivesOneUnitPerIndex() {
        RunnerResult ok = new RunnerResult("shard-0", true, null, null, null, null, null, "p.jsonl", null, 5, null, null, 1.0, null);
        List<UnitObservation> shards = JobHarvester.shards(3, job(null, null, 0), List.of(
                pod("s0", 0, ok.toBoundedJson(), "2026-01-01T00:00:05Z", "0"),
                running("s1", "1")));
        assertThat(shards).extracting(JobHarvesterTest::phase)
                .containsExactly(UnitPhase.Succeeded, UnitPhase.Running, UnitPhase.Pending);
        assertThat(UnitStatuses.shard(shards.get(0)).getRows()).isEqualTo(5);
    }

    static UnitPhase phase(UnitObservation o) {
        return UnitStatuses.fold(o).getPhase();
    }

    @Test
    void exit65StaysFailedWhenTheEndedJobsRetryPodNeverTerminated() {
        // Kubernetes 1.20, seen on a real node: the pod exits 65, the Job controller starts a retry at once,
        // the reconciler ends the Job (deadline): the Job is Failed while the retry pod is deleted unterminated.
        // Read as "waiting for its pod's result" the fold was Running, and the next fold's Job was created.
        Pod retry = new PodBuilder().withNewMetadata().withName("p2").endMetadata()
                .withNewStatus().withPhase("Pending").endStatus().build();
        FoldStatus o = UnitStatuses.fold(JobHarvester.unit(0, job("Failed", "DeadlineExceeded", 1), List.of(
                pod("p1", 65, "model folder no-such-model not found", "2026-01-01T00:00:05Z", null), retry), SOON));
        assertThat(o.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(o.getFailureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(o.getMessage()).isEqualTo("model folder no-such-model not found");
    }

    static Job job(String condition, String reason, int failed) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("job").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withStartTime("2026-01-01T00:00:00Z").withFailed(failed).endStatus();
        Job job = b.build();
        if (condition != null) {
            job.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
                    .withType(condition).withStatus("True").withReason(reason)
                    .withLastTransitionTime("2026-01-01T00:01:00Z").build()));
            if (condition.equals("Complete")) {
                job.getStatus().setCompletionTime("2026-01-01T00:01:00Z");
            }
        }
        return job;
    }

    static Pod pod(String name, int exit, String message, String finishedAt, String index) {
        return new PodBuilder().withNewMetadata().withName(name)
                .withAnnotations(index == null ? Map.of() : Map.of(JobHarvester.COMPLETION_INDEX, index)).endMetadata()
                .withNewStatus().withPhase(exit == 0 ? "Succeeded" : "Failed")
                .addNewContainerStatus().withName("runner").withNewState().withNewTerminated()
                .withExitCode(exit).withMessage(message).withFinishedAt(finishedAt)
                .endTerminated().endState().endContainerStatus().endStatus().build();
    }

    static Pod running(String name, String index) {
        return new PodBuilder().withNewMetadata().withName(name)
                .withAnnotations(Map.of(JobHarvester.COMPLETION_INDEX, index)).endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
    }
}

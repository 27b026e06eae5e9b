package dev.kubetune.operator.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.RunnerResult;
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
        UnitObservation o = JobHarvester.unit(2, null, List.of(), SOON);
        assertThat(o.phase()).isEqualTo(UnitPhase.Pending);
        assertThat(o.job()).isNull();
    }

    @Test
    void completeJobCarriesTheRunnerResult() {
        RunnerResult result = new RunnerResult("fold-0", true, null, null, Map.of("accuracy", 0.9), "a/b/fold-0/adapter",
                100L, null, null, 10, 20, 2, 1.0, 3);
        UnitObservation o = JobHarvester.unit(0, job("Complete", null, 0),
                List.of(pod("p1", 0, result.toBoundedJson(), "2026-01-01T00:00:05Z", null)), SOON);
        assertThat(o.phase()).isEqualTo(UnitPhase.Succeeded);
        assertThat(o.result()).isEqualTo(result);
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(o.completionTime()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(o.terminatedAt()).hasToString("2026-01-01T00:00:05Z");
        assertThat(UnitStatuses.fold(o).getAdapter().getSizeBytes()).isEqualTo(100L);
        assertThat(UnitStatuses.fold(o).getTruncatedRows()).isEqualTo(3);
        assertThat(UnitStatuses.shard(o).getTruncatedRows()).isEqualTo(3);
    }

    @Test
    void finishedJobWhosePodIsNotSeenTerminatedYetIsStillRunning() {
        Job complete = job("Complete", null, 0);
        Pod lagging = new PodBuilder().withNewMetadata().withName("p1").endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
        assertThat(JobHarvester.unit(0, complete, List.of(lagging), SOON).phase()).isEqualTo(UnitPhase.Running);
        assertThat(JobHarvester.unit(0, job("Failed", "PodFailurePolicy", 1), List.of(lagging), SOON).phase())
                .isEqualTo(UnitPhase.Running);
        assertThat(JobHarvester.unit(0, complete, List.of(), SOON).phase()).as("pods gone: nothing to wait for")
                .isEqualTo(UnitPhase.Succeeded);
    }

    @Test
    void finishedJobWithNoPodSeenWaitsForThePodInformerWithinTheGrace() {
        Job failed = job("Failed", "BackoffLimitExceeded", 1);
        UnitObservation waiting = JobHarvester.unit(0, failed, List.of(), SOON);
        assertThat(waiting.phase()).as("the Job counts a failed pod the pod informer has not shown").isEqualTo(UnitPhase.Running);
        assertThat(waiting.message()).isEqualTo(JobHarvester.AWAITING_POD_RESULT);
        Instant late = Instant.parse("2026-01-01T00:01:00Z").plus(JobHarvester.POD_RESULT_GRACE);
        UnitObservation given = JobHarvester.unit(0, failed, List.of(), late);
        assertThat(given.phase()).as("past the grace the Job alone decides").isEqualTo(UnitPhase.Failed);
        assertThat(given.failureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        Pod stuck = new PodBuilder().withNewMetadata().withName("p1").endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
        assertThat(JobHarvester.unit(0, failed, List.of(stuck), late).phase()).as("a pod stuck terminating")
                .isEqualTo(UnitPhase.Failed);
    }

    @Test
    void exit65WithoutAResultIsBadInputWithTheLastLogLine() {
        UnitObservation o = JobHarvester.unit(0, job("Failed", "PodFailurePolicy", 1),
                List.of(pod("p1", 65, "loading…\nnotes.csv:3: missing label", "2026-01-01T00:00:05Z", null)), SOON);
        assertThat(o.phase()).isEqualTo(UnitPhase.Failed);
        assertThat(o.failureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(o.message()).isEqualTo("notes.csv:3: missing label");
    }

    @Test
    void exit65FailsTheUnitAtOnceWhileTheJobWouldStillRetry() {
        // a server without podFailurePolicy (Kubernetes before 1.26): the Job is still active after the pod's exit
        Job active = job(null, null, 1);
        UnitObservation o = JobHarvester.unit(0, active, List.of(
                pod("p1", 65, "model folder no-such-model not found", "2026-01-01T00:00:05Z", null)), SOON);
        assertThat(o.phase()).isEqualTo(UnitPhase.Failed);
        assertThat(o.failureReason()).isEqualTo(ConditionReason.BAD_INPUT);
        assertThat(o.message()).isEqualTo("model folder no-such-model not found");
        assertThat(o.completionTime()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(o.attempts()).isEqualTo(1);
        List<UnitObservation> shards = JobHarvester.shards(2, active, List.of(
                pod("s1", 65, "bad", "2026-01-01T00:00:05Z", "1")));
        assertThat(shards).extracting(UnitObservation::phase).containsExactly(UnitPhase.Pending, UnitPhase.Failed);
        assertThat(JobHarvester.unit(0, active, List.of(pod("p1", 1, "crash", "2026-01-01T00:00:05Z", null)), SOON).phase())
                .as("any other exit is retried").isNotEqualTo(UnitPhase.Failed);
    }

    @Test
    void aPodDeletedSinceStillCountsAsAnAttemptThroughTheJobsRecord() {
        Job job = job(null, null, 0);
        job.getStatus().setActive(1);
        Pod retry = running("p2", "0");
        assertThat(JobHarvester.unit(0, job, List.of(retry), SOON).attempts()).as("nothing recorded yet").isEqualTo(1);
        job.getMetadata().setAnnotations(Map.of(dev.kubetune.api.job.ChildMetadata.ANNOTATION_PODS_SEEN, "p1,p2"));
        assertThat(JobHarvester.podsSeen(job, List.of(retry))).containsExactly("p1", "p2");
        assertThat(JobHarvester.unit(0, job, List.of(retry), SOON).attempts()).as("p1 was deleted").isEqualTo(2);
    }

    @Test
    void retriesUsedUpIsTheJobsReasonWithTheLastPodsMessage() {
        UnitObservation o = JobHarvester.unit(0, job("Failed", "BackoffLimitExceeded", 2), List.of(
                pod("p1", 137, "first", "2026-01-01T00:00:05Z", null),
                pod("p2", 1, "second", "2026-01-01T00:00:09Z", null)), SOON);
        assertThat(o.failureReason()).isEqualTo(ConditionReason.BACKOFF_LIMIT_EXCEEDED);
        assertThat(o.message()).isEqualTo("second");
        assertThat(o.attempts()).isEqualTo(2);
    }

    @Test
    void suspendedJobIsPendingAndActiveOneRunning() {
        Job suspended = job(null, null, 0);
        suspended.getSpec().setSuspend(true);
        assertThat(JobHarvester.unit(0, suspended, List.of(), SOON).phase()).isEqualTo(UnitPhase.Pending);
        Job active = job(null, null, 0);
        active.getStatus().setActive(1);
        assertThat(JobHarvester.unit(0, active, List.of(), SOON).phase()).isEqualTo(UnitPhase.Running);
    }

    @Test
    void indexedJobGivesOneUnitPerIndex() {
        RunnerResult ok = new RunnerResult("shard-0", true, null, null, null, null, null, "p.jsonl", null, 5, null, null, 1.0, null);
        List<UnitObservation> shards = JobHarvester.shards(3, job(null, null, 0), List.of(
                pod("s0", 0, ok.toBoundedJson(), "2026-01-01T00:00:05Z", "0"),
                running("s1", "1")));
        assertThat(shards).extracting(UnitObservation::phase)
                .containsExactly(UnitPhase.Succeeded, UnitPhase.Running, UnitPhase.Pending);
        assertThat(UnitStatuses.shard(shards.get(0)).getRows()).isEqualTo(5);
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

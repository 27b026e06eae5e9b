package dev.kubetune.operator.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.job.RunnerPodFactory;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads what a runner pod left: its container's terminated state and the RunnerResult in its message. */
public final class PodResults {

    private PodResults() {
    }

    /** The runner container's terminated state, if it terminated. */
    public static Optional<ContainerStateTerminated> terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        ContainerStatus runner = statuses.stream().filter(s -> RunnerPodFactory.CONTAINER.equals(s.getName()))
                .findFirst().orElse(statuses.isEmpty() ? null : statuses.get(0));
        if (runner == null || runner.getState() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(runner.getState().getTerminated());
    }

    /**
     * The pod that terminated last, among {@code pods}: by finishedAt, which has whole seconds only,
     * then by creation time, then by resourceVersion (opaque, but in practice the order of writes).
     */
    public static Optional<Pod> lastTerminated(List<Pod> pods) {
        return pods.stream().filter(p -> terminated(p).isPresent())
                .max(Comparator.comparing((Pod p) -> finishedAt(p).orElse(Instant.EPOCH))
                        .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? Instant.EPOCH
                                : instant(p.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH))
                        .thenComparingLong(PodResults::resourceVersion));
    }

    private static long resourceVersion(Pod pod) {
        try {
            return Long.parseLong(pod.getMetadata().getResourceVersion());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The runner's result from the termination message; empty when there is none or it is not a RunnerResult
     * (with {@code FallbackToLogsOnError} a crashed runner's message is its last log lines). */
    public static Optional<RunnerResult> result(Pod pod) {
        return terminated(pod).map(ContainerStateTerminated::getMessage).flatMap(PodResults::parse);
    }

    /** The container's exit code, if it terminated. */
    public static Optional<Integer> exitCode(Pod pod) {
        return terminated(pod).map(ContainerStateTerminated::getExitCode);
    }

    public static Optional<Instant> finishedAt(Pod pod) {
        return terminated(pod).map(ContainerStateTerminated::getFinishedAt).flatMap(PodResults::instant);
    }

    /** The termination message as it came (a RunnerResult's JSON, or the last log lines). */
    public static Optional<String> message(Pod pod) {
        return terminated(pod).map(ContainerStateTerminated::getMessage);
    }

    static Optional<RunnerResult> parse(String message) {
        if (message == null || !message.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunnerResult.fromJson(message.strip()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> instant(String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

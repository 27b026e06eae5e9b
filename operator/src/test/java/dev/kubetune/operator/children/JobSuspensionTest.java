package dev.kubetune.operator.children;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.job.ChildMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSuspensionTest {

    @Test
    void suspendFollowsTheSpecButLeavesKueueAndFinishedJobsAlone() {
        assertThat(JobSuspension.wanted(job(false, null), true)).contains(true);
        assertThat(JobSuspension.wanted(job(true, null), false)).contains(false);
        assertThat(JobSuspension.wanted(job(false, "Complete"), true)).isEmpty();
        Job queued = job(true, null);
        queued.getMetadata().setLabels(Map.of(ChildMetadata.LABEL_KUEUE_QUEUE, "gpu-queue"));
        assertThat(JobSuspension.wanted(queued, false)).isEqualTo(Optional.empty());
        assertThat(JobSuspension.wanted(queued, true)).contains(true);
    }

    /** A Job, suspended or not, with a {@code finished} condition (Complete, Failed) or none. */
    public static Job job(boolean suspended, String finished) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("j").endMetadata()
                .withNewSpec().withSuspend(suspended).endSpec();
        if (finished != null) {
            b.withNewStatus().addNewCondition().withType(finished).withStatus("True").endCondition().endStatus();
        }
        return b.build();
    }
}

package dev.kubetune.operator.children;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class ChildWriterTest {

    static Job job(Boolean suspend) {
        return new JobBuilder().withNewMetadata().withName("notes-fold-0").endMetadata()
                .withNewSpec().withSuspend(suspend).endSpec().build();
    }

    @Test
    void suspendChangesOnlyWhenTheValueDiffers() {
        assertThat(ChildWriter.suspendChanges(job(false), true)).isTrue();
        assertThat(ChildWriter.suspendChanges(job(true), false)).isTrue();
        assertThat(ChildWriter.suspendChanges(job(true), true)).isFalse();
        assertThat(ChildWriter.suspendChanges(job(false), false)).isFalse();
    }

    @Test
    void anAbsentSuspendIsNotSuspended() {
        // Kubernetes 1.20 drops spec.suspend: resuming such a Job must not patch it again and again
        assertThat(ChildWriter.suspendChanges(job(null), false)).isFalse();
        assertThat(ChildWriter.suspendChanges(job(null), true)).isTrue();
    }
}

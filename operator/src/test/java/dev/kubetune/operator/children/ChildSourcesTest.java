package dev.kubetune.operator.children;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class ChildSourcesTest {

    @Test
    void cachedJobKeepsMetadataSuspendAndStatusWithoutItsPodTemplate() {
        Job job = new JobBuilder().withNewMetadata().withName("notes-fold-0").withUid("u1")
                .addToAnnotations("kubetune.dev/inputs-hash", "abc").addToLabels("kubetune.dev/name", "notes")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").build())
                .endMetadata()
                .withNewSpec().withSuspend(true).withBackoffLimit(2).withNewTemplate().withNewSpec()
                .addNewContainer().withName("runner").withImage("kubetune/runner").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withFailed(1).endStatus().build();
        Job cached = ChildSources.pruned(job);
        assertThat(cached.getSpec().getTemplate()).isNull();
        assertThat(cached.getSpec().getSuspend()).isTrue();
        assertThat(cached.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsEntry("kubetune.dev/inputs-hash", "abc");
        assertThat(cached.getMetadata().getUid()).isEqualTo("u1");
        assertThat(cached.getStatus().getFailed()).isEqualTo(1);
        assertThat(job.getSpec().getTemplate()).as("the watched object is left alone").isNotNull();
        assertThat(job.getMetadata().getManagedFields()).hasSize(1);
    }

    @Test
    void cachedPodKeepsMetadataAndStatusWithoutItsSpec() {
        Pod pod = new PodBuilder().withNewMetadata().withName("notes-fold-0-x").addToLabels("kubetune.dev/name", "notes")
                .addNewOwnerReference().withKind("Job").withName("notes-fold-0").withUid("u1").endOwnerReference()
                .endMetadata()
                .withNewSpec().addNewContainer().withName("runner").endContainer().endSpec()
                .withNewStatus().withPhase("Failed").addNewContainerStatus().withName("runner").withNewState()
                .withNewTerminated().withExitCode(65).withMessage("notes.csv:3: missing label").endTerminated()
                .endState().endContainerStatus().endStatus().build();
        Pod cached = ChildSources.pruned(pod);
        assertThat(cached.getSpec()).isNull();
        assertThat(cached.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(cached.getMetadata().getLabels()).containsEntry("kubetune.dev/name", "notes");
        assertThat(cached.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                .isEqualTo("notes.csv:3: missing label");
        assertThat(pod.getSpec()).isNotNull();
    }
}

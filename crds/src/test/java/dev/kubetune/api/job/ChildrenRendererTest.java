package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.job.ChildrenRenderer.Children;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildrenRendererTest {

    @Test
    void rendersEachResourcesConfigMapThenItsJobs() {
        List<CustomResource<?, ?>> resources = List.of(Manifests.foldTraining(), Manifests.inferenceRun());

        List<Children> children = ChildrenRenderer.render(resources, JobDefaults.standard());

        assertThat(children).hasSize(2);
        assertThat(children.get(0).objects()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ConfigMap", "notes-task"),
                        org.assertj.core.groups.Tuple.tuple("Job", "notes-fold-0"),
                        org.assertj.core.groups.Tuple.tuple("Job", "notes-fold-1"),
                        org.assertj.core.groups.Tuple.tuple("Job", "notes-fold-2"),
                        org.assertj.core.groups.Tuple.tuple("Job", "notes-fold-3"));
        assertThat(children.get(1).objects()).extracting(o -> o.getMetadata().getName())
                .containsExactly("notes-best-task", "notes-best-shards");
    }

    @Test
    void anAdapterFromAFoldTrainingIsLeftUnresolvedAndMarkedAsWaiting() {
        Children children = ChildrenRenderer.render(Manifests.inferenceRun(), JobDefaults.standard());

        ConfigMap configMap = children.configMap();
        Job job = children.jobs().get(0);
        assertThat(TaskYaml.read(configMap.getData().get(RunnerTask.FILE_NAME)).resolvedAdapter()).isNull();
        assertThat(configMap.getMetadata().getAnnotations()).containsEntry("kubetune.dev/waiting-for", "FoldTraining/notes");
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("kubetune.dev/waiting-for", "FoldTraining/notes")
                .containsKey("kubetune.dev/inputs-hash");
    }

    @Test
    void aFoldTrainingWaitsForNothing() {
        Children children = ChildrenRenderer.render(Manifests.foldTraining(), JobDefaults.standard());

        assertThat(children.configMap().getMetadata().getAnnotations()).isNull();
        assertThat(children.jobs()).allSatisfy(job ->
                assertThat(job.getMetadata().getAnnotations()).doesNotContainKey("kubetune.dev/waiting-for"));
    }
}

package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import org.junit.jupiter.api.Test;

class ConfigMapFactoryTest {

    @Test
    void holdsTheTaskOfAFoldTrainingWithDefaultsAndMountFolders() {
        FoldTraining training = Manifests.foldTraining();

        ConfigMap configMap = ConfigMapFactory.configMap(training, null);

        assertThat(configMap.getMetadata().getName()).isEqualTo("notes-task");
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("research");
        RunnerTask task = TaskYaml.read(configMap.getData().get("task.yaml"));
        assertThat(task.kind()).isEqualTo("FoldTraining");
        assertThat(task.namespace()).isEqualTo("research");
        assertThat(task.name()).isEqualTo("notes");
        assertThat(task.generation()).isEqualTo(3);
        assertThat(task.inferenceRun()).isNull();
        assertThat(task.foldTraining().getFolds().getK()).isEqualTo(4);
        assertThat(task.foldTraining().getTraining().getEpochs()).as("a default").isEqualTo(
                training.getSpec().getTraining().getEpochs());
        assertThat(task.foldTraining().getOutput().getVolume()).isEqualTo("artifacts");
        assertThat(task.volumeMounts()).containsOnly(
                org.assertj.core.api.Assertions.entry("models", "/mnt/kubetune/models"),
                org.assertj.core.api.Assertions.entry("data", "/mnt/kubetune/data"),
                org.assertj.core.api.Assertions.entry("artifacts", "/mnt/kubetune/artifacts"));
        assertThat(task.resolvedAdapter()).isNull();
    }

    @Test
    void carriesTheResolvedAdapterOfAnInferenceRun() {
        InferenceRun run = Manifests.inferenceRun();

        RunnerTask task = TaskYaml.read(ConfigMapFactory.configMap(run, "research/notes/fold-2/adapter")
                .getData().get(RunnerTask.FILE_NAME));

        assertThat(task.kind()).isEqualTo("InferenceRun");
        assertThat(task.foldTraining()).isNull();
        assertThat(task.inferenceRun().getShards()).isEqualTo(4);
        assertThat(task.inferenceRun().getAdapter().getFromFoldTraining().getName()).isEqualTo("notes");
        assertThat(task.resolvedAdapter()).isEqualTo("research/notes/fold-2/adapter");
        assertThat(task.generation()).as("no generation offline").isZero();
    }

    @Test
    void isOwnedByTheResourceAndLabelledAsItsChild() {
        ConfigMap configMap = ConfigMapFactory.configMap(Manifests.foldTraining(), null);

        assertThat(configMap.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getApiVersion()).isEqualTo("kubetune.dev/v1alpha1");
            assertThat(owner.getKind()).isEqualTo("FoldTraining");
            assertThat(owner.getName()).isEqualTo("notes");
            assertThat(owner.getUid()).isEqualTo("1111-2222");
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(configMap.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "kubetune")
                .containsEntry("app.kubernetes.io/managed-by", "kubetune-operator")
                .containsEntry("app.kubernetes.io/instance", "notes")
                .containsEntry("kubetune.dev/name", "notes")
                .containsEntry("kubetune.dev/kind", "FoldTraining")
                .doesNotContainKey("kubetune.dev/unit");
    }

    @Test
    void aLongResourceNameGivesASafeConfigMapName() {
        FoldTraining training = Manifests.foldTraining();
        String longName = "n".repeat(80);
        training.getMetadata().setName(longName);

        ConfigMap configMap = ConfigMapFactory.configMap(training, null);

        assertThat(configMap.getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
        assertThat(configMap.getMetadata().getLabels().get("kubetune.dev/name")).hasSizeLessThanOrEqualTo(63);
        OwnerReference owner = configMap.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getName()).as("the owner's real name").isEqualTo(longName);
    }
}

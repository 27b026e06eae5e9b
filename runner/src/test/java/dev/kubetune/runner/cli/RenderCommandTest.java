package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.job.TaskYaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderCommandTest {

    static final Path SAMPLES = Path.of("..", "config", "samples");

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** The YAML documents of the output, read back as Kubernetes objects. */
    static List<HasMetadata> objects(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(doc -> !doc.isBlank())
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rendersEverySampleAsConfigMapsAndJobs(Path sample) {
        CommandRun run = CommandRun.of("render", "-f", sample.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.DONE);
        List<HasMetadata> objects = objects(run.out());
        assertThat(objects).isNotEmpty().allSatisfy(o -> assertThat(o).isInstanceOfAny(ConfigMap.class, Job.class));
        assertThat(objects).filteredOn(ConfigMap.class::isInstance).allSatisfy(c ->
                assertThat(TaskYaml.read(((ConfigMap) c).getData().get("task.yaml")).name())
                        .isEqualTo(c.getMetadata().getOwnerReferences().get(0).getName()));
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getApiVersion()).isEqualTo("kubetune.dev/v1alpha1");
                    assertThat(owner.getKind()).isIn("FoldTraining", "InferenceRun");
                    assertThat(owner.getName()).isEqualTo(o.getMetadata().getLabels().get("kubetune.dev/name"));
                }));
    }

    @Test
    void theQuickStartGivesATaskPerResourceAJobPerFoldAndAnIndexedJobPerRun() {
        CommandRun run = CommandRun.of("render", "-f", SAMPLES.resolve("quickstart.yaml").toString());

        assertThat(objects(run.out())).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ConfigMap", "quickstart-notes-task"),
                        org.assertj.core.groups.Tuple.tuple("Job", "quickstart-notes-fold-0"),
                        org.assertj.core.groups.Tuple.tuple("Job", "quickstart-notes-fold-1"),
                        org.assertj.core.groups.Tuple.tuple("Job", "quickstart-notes-fold-2"),
                        org.assertj.core.groups.Tuple.tuple("ConfigMap", "quickstart-zero-shot-task"),
                        org.assertj.core.groups.Tuple.tuple("Job", "quickstart-zero-shot-shards"),
                        org.assertj.core.groups.Tuple.tuple("ConfigMap", "quickstart-best-fold-task"),
                        org.assertj.core.groups.Tuple.tuple("Job", "quickstart-best-fold-shards"));
        Job shards = (Job) objects(run.out()).get(5);
        assertThat(shards.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(shards.getSpec().getCompletions()).isEqualTo(2);
        HasMetadata waiting = objects(run.out()).get(7);
        assertThat(waiting.getMetadata().getAnnotations()).containsEntry("kubetune.dev/waiting-for", "FoldTraining/quickstart-notes");
    }

    @Test
    void runnerImageAndGpuResourceDefaultsComeFromTheOptions() {
        CommandRun run = CommandRun.of("render", "-f", SAMPLES.resolve("notes-llama3b-kfold.yaml").toString(),
                "--runner-image", "registry.example/runner:7", "--gpu-resource", "amd.com/gpu");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DONE);
        List<Job> jobs = objects(run.out()).stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
        Job fold = jobs.get(0);
        Job shards = jobs.get(jobs.size() - 1);
        assertThat(fold.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the spec's own image").isEqualTo("ghcr.io/example/kubetune-runner:0.1.0");
        assertThat(shards.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example/runner:7");
        assertThat(shards.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsKey("amd.com/gpu");
        assertThat(fold.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "gpu-queue");
        assertThat(fold.getSpec().getSuspend()).isTrue();
    }

    @Test
    void withoutKueueQueuesAreIgnoredAndJobsAreNotSuspended() {
        CommandRun run = CommandRun.of("render", "--no-kueue", "-f", SAMPLES.resolve("zero-shot-llama8b.yaml").toString());

        Job job = objects(run.out()).stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
        assertThat(job.getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");
        assertThat(job.getSpec().getSuspend()).isFalse();
    }

    @Test
    void aBrokenManifestPrintsItsProblemsAndExitsWithTheBadInputCode(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SAMPLES.resolve("quickstart.yaml")).replace("k: 3,", "k: 1,"));

        CommandRun run = CommandRun.of("render", "-f", broken.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                broken + ":" + ValidateCommandTest.documentLine(Files.readString(broken), "name: quickstart-notes")
                        + ": FoldTraining/quickstart-notes: spec.folds.k: must be ≥ 2");
    }
}

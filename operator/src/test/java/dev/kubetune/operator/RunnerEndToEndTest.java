package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.inferencerun.ShardStatus;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.operator.metrics.OperatorMetrics;
import dev.kubetune.operator.testing.Await;
import dev.kubetune.operator.testing.MockCluster;
import dev.kubetune.operator.testing.RunnerProcess;
import dev.kubetune.operator.testing.TestKubelet;
import dev.kubetune.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real runner: the reconcilers on the mock API server, and a {@link TestKubelet}
 * that runs every pod's runner in a JVM of its own on the tiny Llama and the clinical notes (models and
 * data volumes: the runner's test fixtures; artifacts: a temporary folder). A two-fold FoldTraining
 * reaches Ready from the runner's own results, then an InferenceRun on its best fold runs two shards.
 */
class RunnerEndToEndTest {

    static final String NAMESPACE = "research";
    static final Path FIXTURES = Path.of(System.getProperty("kubetune.runner.fixtures",
            "../runner/src/test/resources/fixtures")).toAbsolutePath().normalize();
    static final Duration UNIT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void foldTrainingThenInferenceRunOnItsBestFold() throws Exception {
        // the reactor packages the runner before the operator's tests in `package` and `verify`; a bare `test` has no jar
        assumeTrue(RunnerProcess.available(), RunnerProcess.RUNNER_JAR + " and its lib/ are missing: run "
                + "./mvnw -pl operator -am verify (or ./mvnw -pl runner -am package -DskipTests first)");
        Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
        try (MockCluster cluster = MockCluster.start()) {
            KubernetesClient client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            Operator operator = TestOperator.create(client, OperatorSettings.with(Map.of(
                    "kubetune.status.server-side-apply", "false")),
                    new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
            RunnerProcess runner = new RunnerProcess(client,
                    Map.of("models", FIXTURES, "data", FIXTURES, "artifacts", artifacts), dir.resolve("pods"));
            try (TestKubelet kubelet = new TestKubelet(client, NAMESPACE).runningRunner(runner, 2)) {
                operator.start();
                kubelet.start();

                client.resource(Serialization.unmarshal(TRAINING, FoldTraining.class)).create();
                Await.until("notes Succeeded", () -> phase(client, "notes") == Phase.Succeeded,
                        () -> status(client, FoldTraining.class, "notes") + logs(), UNIT_TIMEOUT);
                FoldTraining training = client.resources(FoldTraining.class).inNamespace(NAMESPACE).withName("notes").get();
                assertThat(training.getStatus().getProgress()).isEqualTo("2/2");
                for (FoldStatus fold : training.getStatus().getFolds()) {
                    assertThat(fold.getPhase()).isEqualTo(UnitPhase.Succeeded);
                    String adapter = NAMESPACE + "/notes/fold-" + fold.getIndex() + "/adapter";
                    assertThat(fold.getAdapter().getPath()).isEqualTo(adapter);
                    assertThat(fold.getAdapter().getSizeBytes()).isPositive();
                    assertThat(artifacts.resolve(adapter).resolve("adapter_model.safetensors")).isRegularFile();
                    assertThat(fold.getMetrics()).containsKeys("accuracy", "macro_f1");
                    assertThat(fold.getTrainRows()).isPositive();
                    assertThat(fold.getTestRows()).isEqualTo(18);
                }
                Integer best = training.getStatus().getSummary().getBestFold();
                assertThat(best).isIn(0, 1);

                client.resource(Serialization.unmarshal(RUN, InferenceRun.class)).create();
                Await.until("notes-best Succeeded", () -> {
                    InferenceRun run = client.resources(InferenceRun.class).inNamespace(NAMESPACE).withName("notes-best").get();
                    return run.getStatus() != null && run.getStatus().getPhase() == Phase.Succeeded;
                }, () -> status(client, InferenceRun.class, "notes-best") + logs(), UNIT_TIMEOUT);
                InferenceRun run = client.resources(InferenceRun.class).inNamespace(NAMESPACE).withName("notes-best").get();
                assertThat(run.getStatus().getAdapter()).isEqualTo(NAMESPACE + "/notes/fold-" + best + "/adapter");
                assertThat(run.getStatus().getRows()).isEqualTo(8);
                assertThat(run.getStatus().getShards()).extracting(ShardStatus::getRows).containsExactly(4, 4);
                assertThat(run.getStatus().getMetrics()).containsKey("accuracy");
                assertThat(run.getStatus().getOutputs()).hasSize(2);
                for (String output : run.getStatus().getOutputs()) {
                    assertThat(Files.readAllLines(artifacts.resolve(output))).hasSize(4);
                }
            } finally {
                operator.stop();
            }
        }
    }

    private Phase phase(KubernetesClient client, String name) {
        FoldTraining ft = client.resources(FoldTraining.class).inNamespace(NAMESPACE).withName(name).get();
        if (ft.getStatus() != null && ft.getStatus().getPhase() == Phase.Failed) {
            throw new AssertionError("notes failed: " + Serialization.asJson(ft.getStatus()) + logs());
        }
        return ft.getStatus() == null ? null : ft.getStatus().getPhase();
    }

    private static String status(KubernetesClient client, Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind,
                                 String name) {
        var resource = client.resources(kind).inNamespace(NAMESPACE).withName(name).get();
        return resource == null ? "absent" : Serialization.asJson(resource.getStatus());
    }

    /** The runner's logs so far, for a failure message. */
    private String logs() {
        try (var files = Files.list(dir.resolve("pods"))) {
            StringBuilder all = new StringBuilder();
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                all.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
            return all.toString();
        } catch (Exception e) {
            return "\n(no runner logs: " + e + ")";
        }
    }

    static final String TRAINING = """
            apiVersion: kubetune.dev/v1alpha1
            kind: FoldTraining
            metadata: {name: notes, namespace: research}
            spec:
              model: {volume: models, path: tiny-llama}
              dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, limit: 36}
              prompt: {template: "Classify the note.\\n{{ text }}", system: "Answer with one word.",
                       labels: [cardiac, respiratory, neuro, digestive, skin, endocrine]}
              folds: {k: 2, seed: 7}
              training: {epochs: 1, batchSize: 8, learningRate: 0.003, maxSeqLength: 64, loggingSteps: 1, seed: 7}
              lora: {rank: 4, alpha: 8, targetModules: [q_proj, v_proj]}
              evaluation: {maxNewTokens: 2, batchSize: 16}
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
            """;

    static final String RUN = """
            apiVersion: kubetune.dev/v1alpha1
            kind: InferenceRun
            metadata: {name: notes-best, namespace: research}
            spec:
              model: {volume: models, path: tiny-llama}
              adapter: {fromFoldTraining: {name: notes, fold: best}}
              dataset: {volume: data, path: clinical-notes.jsonl, labelField: label, limit: 8}
              prompt: {template: "Classify the note.\\n{{ text }}", system: "Answer with one word.",
                       labels: [cardiac, respiratory, neuro, digestive, skin, endocrine]}
              generation: {maxNewTokens: 2, batchSize: 4}
              shards: 2
              evaluation: {metrics: [accuracy]}
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
            """;
}

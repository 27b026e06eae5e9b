package dev.kubetune.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A FoldTraining whose model folder is missing on the volume, on a real node: its first fold's pod
 * exits 65 with the runner's one-line message, and the fold fails at once, without a retry, though
 * this API server (Kubernetes 1.20) has no {@code podFailurePolicy}; no other fold is started.
 */
class BadInputIT {

    static final String NAME = "e2e-missing-model";

    @Test
    void aMissingModelFolderFailsTheTrainingAtOnceWithTheRunnersMessage() throws Exception {
        KubetuneInstall install = KubetuneInstall.shared();
        RealCluster cluster = install.cluster;
        String manifest = Files.readString(RealCluster.ROOT.resolve("config/samples/quickstart.yaml"))
                .split("(?m)^---$")[0]
                .replace("name: quickstart-notes", "name: " + NAME)
                .replace("path: tiny-llama", "path: no-such-model");
        Path file = Files.createTempFile("e2e-missing-model", ".yaml");
        Files.writeString(file, manifest);
        cluster.kubectl("apply", "-f", file.toString());
        Files.delete(file);

        Await.until(Duration.ofMinutes(8), NAME + " to fail", cluster, () -> {
            FoldTraining t = training(cluster);
            return t != null && t.getStatus() != null && t.getStatus().getPhase() == Phase.Failed;
        });
        FoldTraining training = training(cluster);
        FoldStatus fold0 = training.getStatus().getFolds().get(0);
        assertThat(fold0.getPhase()).isEqualTo(UnitPhase.Failed);
        assertThat(fold0.getFailureReason()).isEqualTo("BadInput");
        assertThat(fold0.getMessage()).contains("no-such-model").doesNotContain("\n").doesNotContain("Exception");
        assertThat(QuickStartIT.describe(training.getStatus().getConditions())).contains("no-such-model");
        assertThat(training.getStatus().getFolds().subList(1, training.getStatus().getFolds().size()))
                .as("no fold started after the failure").allSatisfy(f -> assertThat(f.getJob()).isNull());

        // past the Job controller's first retry back-off (10 s): still the one pod, and the Job ended
        Thread.sleep(15_000);
        List<Pod> pods = cluster.client.pods().inNamespace("default").withLabel(Kubetune.LABEL_NAME, NAME).list().getItems();
        assertThat(pods).as("no retry of a bad-input pod").hasSize(1);
        assertThat(pods.get(0).getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(65);
        Job job = cluster.client.batch().v1().jobs().inNamespace("default").withName(NAME + "-fold-0").get();
        assertThat(job.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Failed");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(training(cluster).getStatus().getFolds().get(0).getAttempts()).isEqualTo(1);
    }

    private static FoldTraining training(RealCluster cluster) {
        return cluster.client.resources(FoldTraining.class).inNamespace("default").withName(NAME).get();
    }
}

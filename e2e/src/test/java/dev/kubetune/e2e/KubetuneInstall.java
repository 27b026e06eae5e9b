package dev.kubetune.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * kubetune as a user installs it on the real cluster, once per JVM: the chart (CRDs, RBAC, the operator
 * Deployment running the operator image this build made) installed with Helm into {@value #NAMESPACE},
 * and the quick start's storage: its PersistentVolumeClaims ({@code config/samples/storage/quickstart-pvcs.yaml},
 * applied with kubectl) bound to static hostPath PersistentVolumes holding copies of
 * {@code config/samples/volumes/{models,data}} and an empty artifacts folder owned by the runner's UID.
 */
final class KubetuneInstall {

    static final String NAMESPACE = "kubetune-system";
    static final String RELEASE = "kubetune";
    /** The runner image's user (and the operator's). */
    static final int RUNNER_UID = 65532;

    private static KubetuneInstall shared;
    /** Why the install failed, once it has: the later tests fail at once instead of waiting on a half-installed chart. */
    private static String failed;

    final RealCluster cluster;
    final Path volumes;

    private KubetuneInstall(RealCluster cluster, Path volumes) {
        this.cluster = cluster;
        this.volumes = volumes;
    }

    static synchronized KubetuneInstall shared() {
        if (failed != null) {
            throw new IllegalStateException("the chart's install failed in an earlier test: " + failed);
        }
        if (shared == null) {
            RealCluster cluster = RealCluster.shared();
            KubetuneInstall install = new KubetuneInstall(cluster, storage(cluster));
            try {
                install.installChart();
            } catch (RuntimeException e) {
                failed = e.getMessage();
                throw e;
            }
            shared = install;
        }
        return shared;
    }

    Path artifacts() {
        return volumes.resolve("artifacts");
    }

    private void installChart() {
        long started = System.nanoTime();
        new Helm(RealCluster.ROOT.resolve("charts/kubetune")).install()
                .withName(RELEASE).withNamespace(NAMESPACE).createNamespace()
                .withKubeConfig(cluster.kubeconfig)
                .set("image.tag", RealCluster.VERSION)
                .set("image.pullPolicy", "Never")
                .set("runner.image", RealCluster.RUNNER_IMAGE + ":" + RealCluster.VERSION)
                .set("runner.imagePullPolicy", "Never")
                // no kube-proxy on this node: the operator reaches the API server on the bridge address
                .set("extraEnv[0].name", "KUBERNETES_SERVICE_HOST").set("extraEnv[0].value", RealCluster.API_HOST)
                .set("extraEnv[1].name", "KUBERNETES_SERVICE_PORT").set("extraEnv[1].value", RealCluster.API_PORT)
                .waitReady().withTimeout(240)
                .call();
        System.err.printf("chart installed, operator ready in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** The host folders behind the quick start's claims, their PersistentVolumes and the claims themselves. */
    private static Path storage(RealCluster cluster) {
        try {
            Path volumes = Files.createTempDirectory("kubetune-e2e-volumes");
            Files.setPosixFilePermissions(volumes, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path samples = RealCluster.ROOT.resolve("config/samples/volumes");
            copyTree(samples.resolve("models"), volumes.resolve("models"));
            copyTree(samples.resolve("data"), volumes.resolve("data"));
            Path artifacts = Files.createDirectories(volumes.resolve("artifacts"));
            Files.setAttribute(artifacts, "unix:uid", RUNNER_UID);
            Files.setAttribute(artifacts, "unix:gid", RUNNER_UID);
            RealCluster.afterDown(() -> deleteTree(volumes));
            for (String[] pv : List.of(new String[] {"kubetune-models", "models", "1Gi"},
                    new String[] {"kubetune-datasets", "data", "1Gi"},
                    new String[] {"kubetune-artifacts", "artifacts", "5Gi"})) {
                cluster.client.persistentVolumes().resource(hostPathVolume(pv[0], volumes.resolve(pv[1]), pv[2])).create();
            }
            cluster.kubectl("apply", "-f", RealCluster.ROOT.resolve("config/samples/storage/quickstart-pvcs.yaml").toString());
            return volumes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A static PersistentVolume reserved for the claim {@code default/claim}. */
    private static PersistentVolume hostPathVolume(String claim, Path folder, String size) {
        return new PersistentVolumeBuilder()
                .withNewMetadata().withName("e2e-" + claim).endMetadata()
                .withNewSpec()
                    .withCapacity(java.util.Map.of("storage", new Quantity(size)))
                    .withAccessModes("ReadWriteMany")
                    .withPersistentVolumeReclaimPolicy("Retain")
                    .withStorageClassName("")
                    .withNewHostPath().withPath(folder.toString()).withType("Directory").endHostPath()
                    .withNewClaimRef().withNamespace("default").withName(claim).endClaimRef()
                .endSpec()
                .build();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}

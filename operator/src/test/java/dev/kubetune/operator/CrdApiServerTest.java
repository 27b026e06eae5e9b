package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.gitops.KustomizeBuild;
import dev.kubetune.operator.scenarios.Manifests;
import dev.kubetune.operator.testing.ApiServerCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubetune's CRDs in a real API server ({@link ApiServerCluster}): every sample and every suite overlay
 * applies (server-side apply, as {@code kubectl apply --server-side}); the OpenAPI schema rejects
 * violations with 422; the status subresource keeps spec and status apart; two managers of one field
 * conflict. The CEL rules are not here (Kubernetes 1.20 has none): ManifestValidator and the generated-YAML
 * tests cover them. Without binaries the class is skipped with one loud line.
 */
class CrdApiServerTest {

    static final String NAMESPACE = "crd-it";
    static final KubernetesSerialization JSON = new KubernetesSerialization();
    static final Path CONFIG = Path.of("..", "config");

    static ApiServerCluster cluster;
    static KubernetesClient client;
    static final List<GenericKubernetesResource> applied = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = ApiServerCluster.shared();
        client = cluster.client();
        cluster.namespace(NAMESPACE);
        cluster.namespace("research");
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            applied.forEach(r -> client.resource(r).delete());
            client.resources(FoldTraining.class).inNamespace(NAMESPACE).delete();
        }
    }

    @Test
    void everySampleApplies() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CONFIG.resolve("samples"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.toString().contains("volumes"))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        int objects = 0;
        for (Path file : files) {
            for (ObjectNode object : KustomizeBuild.read(file)) {
                apply(object, file.toString());
                objects++;
            }
        }
        assertThat(objects).isGreaterThanOrEqualTo(files.size());
    }

    @Test
    void everySuiteOverlayApplies() throws IOException {
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(CONFIG.resolve("suites").resolve("slm-vs-llm").resolve("overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays).isNotEmpty();
        for (Path overlay : overlays) {
            List<ObjectNode> objects = KustomizeBuild.build(overlay);
            assertThat(objects).as(overlay.toString()).isNotEmpty();
            for (ObjectNode object : objects) {
                apply(object, overlay.toString());
            }
        }
    }

    @Test
    void schemaViolationsRejectedWith422() {
        assertRejected("below minimum", t -> at(t, "spec", "evaluation").put("batchSize", 0), "batchSize");
        assertRejected("not in enum", t -> at(t, "spec", "evaluation").putArray("metrics").add("bleu"),
                "metrics");
        assertRejected("wrong type", t -> at(t, "spec", "folds").put("k", "three"), "k");
        assertRejected("required field missing", t -> ((ObjectNode) t.get("spec")).remove("model"), "model");
        assertRejected("bad volume name", t -> at(t, "spec", "dataset").put("volume", "Not_A_Name"), "volume");
    }

    @Test
    void statusSubresourceKeepsSpecAndStatusApart() {
        FoldTraining created = client.resource(Manifests.foldTraining(NAMESPACE, "status-split", 3, null, 2)).create();
        long generation = created.getMetadata().getGeneration();
        var resource = client.resources(FoldTraining.class).inNamespace(NAMESPACE).withName("status-split");

        resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"folds\":{\"k\":7}},\"status\":{\"phase\":\"Running\",\"progress\":\"0/3\"}}");
        FoldTraining afterStatus = resource.get();
        assertThat(afterStatus.getSpec().getFolds().getK()).as("spec in a status patch is ignored").isEqualTo(3);
        assertThat(afterStatus.getStatus().getProgress()).isEqualTo("0/3");
        assertThat(afterStatus.getMetadata().getGeneration()).as("status does not move the generation")
                .isEqualTo(generation);

        resource.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"folds\":{\"k\":4}},\"status\":{\"progress\":\"9/9\"}}");
        FoldTraining afterSpec = resource.get();
        assertThat(afterSpec.getSpec().getFolds().getK()).isEqualTo(4);
        assertThat(afterSpec.getStatus().getProgress()).as("status in a main-resource patch is ignored")
                .isEqualTo("0/3");
        assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(generation + 1);
    }

    @Test
    void serverSideApplyConflictsBetweenManagers() {
        GenericKubernetesResource training = generic(
                Manifests.foldTraining(NAMESPACE, "two-managers", 2, null, 2));
        client.resource(training).fieldManager("gitops").forceConflicts().serverSideApply();
        ObjectNode changed = JSON.convertValue(training, ObjectNode.class);
        at(changed, "spec", "folds").put("k", 5);
        assertThatThrownBy(() -> client.resource(generic(changed)).fieldManager("someone-else").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        client.resource(generic(changed)).fieldManager("gitops").serverSideApply();
        assertThat(client.resources(FoldTraining.class).inNamespace(NAMESPACE).withName("two-managers").get()
                .getSpec().getFolds().getK()).isEqualTo(5);
    }

    private void assertRejected(String what, Consumer<ObjectNode> breakIt, String field) {
        ObjectNode tree = JSON.convertValue(Manifests.foldTraining(NAMESPACE, "invalid", 3, null, 2), ObjectNode.class);
        breakIt.accept(tree);
        assertThatThrownBy(() -> client.resource(generic(tree)).create()).as(what)
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).as(what).isEqualTo(422);
                    assertThat(e.getMessage()).as(what).contains(field);
                });
    }

    private static void apply(ObjectNode object, String source) {
        if (!object.path("metadata").hasNonNull("namespace") && namespaced(object)) {
            at(object, "metadata").put("namespace", NAMESPACE);
        }
        GenericKubernetesResource resource = generic(object);
        GenericKubernetesResource stored;
        try {
            stored = client.resource(resource).fieldManager("kubectl").forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new AssertionError(source + ": " + resource.getKind() + "/" + resource.getMetadata().getName()
                    + " refused: " + e.getMessage(), e);
        }
        assertThat(stored.getMetadata().getUid()).as(source).isNotBlank();
        applied.add(stored);
    }

    /** Whether the object's kind is namespaced, from the server's discovery (as kubectl decides). */
    private static boolean namespaced(ObjectNode object) {
        String kind = object.path("kind").asText();
        return client.getApiResources(object.path("apiVersion").asText()).getResources().stream()
                .filter(r -> kind.equals(r.getKind())).findFirst()
                .orElseThrow(() -> new AssertionError("the server does not serve " + kind)).getNamespaced();
    }

    /** The object at {@code path} under {@code tree}, made when missing. */
    private static ObjectNode at(ObjectNode tree, String... path) {
        ObjectNode node = tree;
        for (String field : path) {
            node = node.withObjectProperty(field);
        }
        return node;
    }

    private static GenericKubernetesResource generic(Object tree) {
        return JSON.convertValue(tree, GenericKubernetesResource.class);
    }
}

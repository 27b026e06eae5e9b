package dev.kubetune.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Installs kubetune's generated CRDs (the crds module's jar) in a real API server, adapted to what
 * that server understands: before Kubernetes 1.25 there are no CEL rules, so every
 * {@code x-kubernetes-validations} is removed (the rules stay tested by the validator and the
 * generated-YAML tests). Waits until each CRD is Established.
 */
public final class ServerCrds {

    static final KubernetesSerialization JSON = new KubernetesSerialization();
    static final String CEL_RULES = "x-kubernetes-validations";
    static final int CEL_SINCE_MINOR = 25;

    private ServerCrds() {
    }

    public static void install(KubernetesClient client) {
        int minor = Integer.parseInt(client.getKubernetesVersion().getMinor().replaceAll("\\D", ""));
        for (String path : MockCluster.CRDS) {
            CustomResourceDefinition crd = forMinor(load(path), minor);
            client.resource(crd).createOr(existing -> existing.update());
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream().anyMatch(
                                    s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())),
                            30, TimeUnit.SECONDS);
        }
    }

    /** {@code crd} as a server of Kubernetes 1.{@code minor} accepts it. */
    static CustomResourceDefinition forMinor(CustomResourceDefinition crd, int minor) {
        if (minor >= CEL_SINCE_MINOR) {
            return crd;
        }
        JsonNode tree = JSON.convertValue(crd, JsonNode.class);
        removeField(tree, CEL_RULES);
        return JSON.convertValue(tree, CustomResourceDefinition.class);
    }

    static void removeField(JsonNode node, String field) {
        if (node instanceof ObjectNode object) {
            object.remove(field);
        }
        node.forEach(child -> removeField(child, field));
    }

    static CustomResourceDefinition load(String path) {
        try (InputStream in = ServerCrds.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path (build the crds module)");
            }
            return JSON.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

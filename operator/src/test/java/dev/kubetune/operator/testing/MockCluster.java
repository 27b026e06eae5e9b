package dev.kubetune.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;

/**
 * A fabric8 mock API server in CRUD mode with kubetune's two CRDs (the YAML generated into the crds
 * module's jar) created in it, so custom resources, their status subresource and watches work.
 */
public final class MockCluster implements AutoCloseable {

    public static final List<String> CRDS = List.of(
            "/META-INF/fabric8/foldtrainings.kubetune.dev-v1.yml",
            "/META-INF/fabric8/inferenceruns.kubetune.dev-v1.yml");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static MockCluster start() {
        return start(null);
    }

    /**
     * A mock server whose {@code /version} says Kubernetes 1.{@code minor}; null: none (the CRUD dispatcher
     * does not serve it, and the operator then builds Jobs for a current server).
     */
    public static MockCluster start(Integer minor) {
        KubernetesCrudDispatcher dispatcher = minor == null ? new KubernetesCrudDispatcher() : new KubernetesCrudDispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if ("/version".equals(request.getPath())) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                            .setBody("{\"major\":\"1\",\"minor\":\"" + minor + "\",\"gitVersion\":\"v1." + minor + ".0\"}");
                }
                return super.dispatch(request);
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init();
        KubernetesClient client = server.createClient();
        loadCrds(client);
        return new MockCluster(server, client);
    }

    /** Creates kubetune's CRDs in the cluster {@code client} talks to (a no-op when they exist). */
    public static void loadCrds(KubernetesClient client) {
        for (String path : CRDS) {
            try (InputStream in = MockCluster.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(path + " is not on the class path (build the crds module)");
                }
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.resource(crd).createOr(existing -> existing.update());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

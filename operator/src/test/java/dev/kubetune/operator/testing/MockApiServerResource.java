package dev.kubetune.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link MockCluster} (fabric8 mock API server, CRUD mode, kubetune's CRDs, namespace
 * {@value #NAMESPACE}) and points the Quarkus Kubernetes client at it. Stands in for
 * quarkus-test-kubernetes-client, which is not on the Maven Central mirror this project builds from.
 */
public class MockApiServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String NAMESPACE = "research";

    private MockCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = MockCluster.start();
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", cluster.client().getMasterUrl().toString(),
                "quarkus.kubernetes-client.trust-certs", "true",
                "quarkus.kubernetes-client.namespace", NAMESPACE);
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}

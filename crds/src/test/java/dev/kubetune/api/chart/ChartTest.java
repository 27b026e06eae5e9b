package dev.kubetune.api.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, rendered offline by Helm itself (helm-java). The chart's crds/ folder is the
 * generated CRDs: GeneratedCrdTest checks that, so it is not repeated here.
 */
class ChartTest {

    /** What the operator does, as "apiGroup/resource: verbs" (docs/operations.md lists the same). */
    static final Set<String> OPERATOR_NEEDS = Set.of(
            "kubetune.dev/foldtrainings: get,list,watch",
            "kubetune.dev/inferenceruns: get,list,watch",
            "kubetune.dev/foldtrainings/status: get,patch,update",
            "kubetune.dev/inferenceruns/status: get,patch,update",
            "batch/jobs: create,delete,get,list,patch,update,watch",
            "/pods: get,list,watch",
            "/configmaps: create,delete,get,list,patch,update,watch",
            "/events: create,patch");

    @Test
    void lintPasses() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultInstallGrantsExactlyTheOperatorsNeedsClusterWide() {
        RenderedChart chart = RenderedChart.render("");

        assertThat(chart.ofKind("Role")).isEmpty();
        assertThat(chart.ofKind("RoleBinding")).isEmpty();
        JsonNode role = chart.one("ClusterRole").orElseThrow();
        assertThat(grants(role)).containsExactlyInAnyOrderElementsOf(OPERATOR_NEEDS);
        JsonNode binding = chart.one("ClusterRoleBinding").orElseThrow();
        assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
        assertThat(binding.at("/subjects/0/name").asText())
                .isEqualTo(chart.one("ServiceAccount").orElseThrow().at("/metadata/name").asText());
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
    }

    @Test
    void noRuleAnywhereUsesAWildcard() {
        for (String values : List.of("", "replicas: 3", "rbac: {namespaced: true}\nwatchNamespaces: [a, b]\nreplicas: 2")) {
            RenderedChart chart = RenderedChart.render(values);
            for (JsonNode object : chart.objects()) {
                for (JsonNode rule : object.path("rules")) {
                    for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                        rule.path(field).forEach(v -> assertThat(v.asText())
                                .as("%s %s in %s", object.path("kind").asText(), field, values)
                                .doesNotContain("*"));
                    }
                }
            }
        }
    }

    @Test
    void namespacedInstallGivesARoleAndBindingPerWatchedNamespaceAndNoClusterRoles() {
        RenderedChart chart = RenderedChart.render("rbac: {namespaced: true}\nwatchNamespaces: [research, team-b]\n");

        assertThat(chart.ofKind("ClusterRole")).isEmpty();
        assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(chart.ofKind("Role")).extracting(r -> r.at("/metadata/namespace").asText())
                .containsExactlyInAnyOrder("research", "team-b");
        assertThat(chart.ofKind("RoleBinding")).extracting(r -> r.at("/metadata/namespace").asText())
                .containsExactlyInAnyOrder("research", "team-b");
        chart.ofKind("Role").forEach(r -> assertThat(grants(r)).containsExactlyInAnyOrderElementsOf(OPERATOR_NEEDS));
        assertThat(chart.env("KUBETUNE_NAMESPACES")).isEqualTo("research,team-b");
    }

    @Test
    void namespacedInstallWithoutNamespacesFails() {
        assertThatThrownBy(() -> RenderedChart.render("rbac: {namespaced: true}\n"))
                .hasMessageContaining("watchNamespaces");
    }

    @Test
    void podRunsRestricted() {
        JsonNode pod = RenderedChart.render("").deployment().at("/spec/template/spec");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = pod.at("/containers/0");
        JsonNode sc = container.path("securityContext");
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(sc.has("capabilities") && sc.path("capabilities").has("add")).isFalse();
        assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        // the liveness probe waits for a started JVM: a busy node must not kill a starting operator
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/startupProbe/periodSeconds").asInt() * container.at("/startupProbe/failureThreshold").asInt())
                .isGreaterThanOrEqualTo(120);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/image").asText()).isEqualTo("ghcr.io/kubetune/kubetune-operator:0.1.0");
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    }

    @Test
    void valuesBecomeTheOperatorsSettings() {
        RenderedChart chart = RenderedChart.render("""
                runner: {image: registry.example/runner:2, imagePullPolicy: Always}
                gpuResource: amd.com/gpu
                kueue: {enabled: false}
                image: {repository: registry.example/op, tag: dev, pullPolicy: Always}
                nodeSelector: {pool: system}
                tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
                """);

        assertThat(chart.env("KUBETUNE_RUNNER_IMAGE")).isEqualTo("registry.example/runner:2");
        assertThat(chart.env("KUBETUNE_RUNNER_IMAGE_PULL_POLICY")).isEqualTo("Always");
        assertThat(chart.env("KUBETUNE_GPU_RESOURCE")).isEqualTo("amd.com/gpu");
        assertThat(chart.env("KUBETUNE_KUEUE_ENABLED")).isEqualTo("false");
        assertThat(chart.env("KUBETUNE_NAMESPACES")).isEmpty();
        assertThat(chart.env("KUBETUNE_HTTP_PORT")).isEqualTo("8080");
        JsonNode pod = chart.deployment().at("/spec/template/spec");
        assertThat(pod.at("/containers/0/image").asText()).isEqualTo("registry.example/op:dev");
        assertThat(pod.at("/nodeSelector/pool").asText()).isEqualTo("system");
        assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("dedicated");
    }

    /**
     * The operator's settings (operator/src/main/resources/application.properties on the operator
     * branch); each is overridable by the environment variable of its upper-cased name.
     */
    static final List<String> OPERATOR_SETTINGS = List.of(
            "kubetune.runner.image", "kubetune.runner.image-pull-policy", "kubetune.gpu-resource",
            "kubetune.kueue.enabled", "kubetune.namespaces", "kubetune.leader-election.enabled",
            "kubetune.leader-election.lease-name", "kubetune.leader-election.lease-namespace",
            "kubetune.http.port", "kubetune.resync-interval", "kubetune.status.server-side-apply");

    @Test
    void everyEnvironmentVariableIsAnOperatorSetting() throws Exception {
        Path properties = Path.of("..", "operator", "src", "main", "resources", "application.properties");
        List<String> keys = new ArrayList<>(OPERATOR_SETTINGS);
        if (Files.exists(properties)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(properties)) {
                p.load(in);
            }
            keys = new ArrayList<>(p.stringPropertyNames());
        }
        Set<String> envNames = new TreeSet<>();
        keys.forEach(k -> envNames.add(k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));

        List<String> used = new ArrayList<>();
        RenderedChart.render("").deployment().at("/spec/template/spec/containers/0/env")
                .forEach(e -> used.add(e.path("name").asText()));

        assertThat(envNames).containsAll(used);
        assertThat(used).contains("KUBETUNE_RUNNER_IMAGE", "KUBETUNE_GPU_RESOURCE", "KUBETUNE_KUEUE_ENABLED",
                "KUBETUNE_NAMESPACES", "KUBETUNE_LEADER_ELECTION_ENABLED", "KUBETUNE_HTTP_PORT");
    }

    @Test
    void oneReplicaNeedsNoLeaderElection() {
        RenderedChart chart = RenderedChart.render("");

        assertThat(chart.deployment().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(chart.env("KUBETUNE_LEADER_ELECTION_ENABLED")).isEqualTo("false");
        assertThat(chart.ofKind("Role")).isEmpty();
    }

    @Test
    void moreThanOneReplicaElectsALeaderThroughALeaseInTheReleaseNamespace() {
        RenderedChart chart = RenderedChart.render("replicas: 2\n");

        assertThat(chart.deployment().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(chart.env("KUBETUNE_LEADER_ELECTION_ENABLED")).isEqualTo("true");
        JsonNode leases = chart.one("Role").orElseThrow();
        assertThat(leases.at("/metadata/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(grants(leases)).containsExactly("coordination.k8s.io/leases: create,get,update");
        assertThat(chart.one("RoleBinding").orElseThrow().at("/roleRef/name").asText())
                .isEqualTo(leases.at("/metadata/name").asText());
    }

    @Test
    void metricsServiceAlwaysServiceMonitorOnlyWhenEnabled() {
        RenderedChart off = RenderedChart.render("");
        RenderedChart on = RenderedChart.render("serviceMonitor: {enabled: true, interval: 15s}\n");

        assertThat(off.one("Service").orElseThrow().at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(off.ofKind("ServiceMonitor")).isEmpty();
        JsonNode monitor = on.one("ServiceMonitor").orElseThrow();
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
        assertThat(monitor.at("/spec/selector/matchLabels"))
                .isEqualTo(on.one("Service").orElseThrow().at("/spec/selector"));
    }

    @Test
    void everyObjectCarriesTheStandardLabels() {
        for (JsonNode object : RenderedChart.render("replicas: 2\nserviceMonitor: {enabled: true}").objects()) {
            JsonNode labels = object.at("/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/name").asText()).as("%s", object.path("kind")).isEqualTo("kubetune");
            assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo("kubetune");
            assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
            assertThat(labels.path("helm.sh/chart").asText()).isEqualTo("kubetune-0.1.0");
        }
    }

    @Test
    void schemaRejectsBadValues() {
        assertThatThrownBy(() -> RenderedChart.render("replicas: 0\n")).hasMessageContaining("replicas");
        assertThatThrownBy(() -> RenderedChart.render("image: {pullPolicy: Sometimes}\n")).hasMessageContaining("pullPolicy");
        assertThatThrownBy(() -> RenderedChart.render("kueue: {enabled: \"yes\"}\n")).hasMessageContaining("enabled");
        assertThatThrownBy(() -> RenderedChart.render("replica: 2\n")).hasMessageContaining("replica");
    }

    @Test
    void chartShipsBothCrds() {
        // helm-java's "show crds" concatenates the files without "---", so look at the text
        String crds = new Helm(RenderedChart.CHART).show().crds().call();

        assertThat(crds.lines().filter(l -> l.startsWith("kind: ")))
                .containsExactly("kind: \"CustomResourceDefinition\"", "kind: \"CustomResourceDefinition\"");
        assertThat(crds).contains("name: \"foldtrainings.kubetune.dev\"", "name: \"inferenceruns.kubetune.dev\"");
    }

    @Test
    void extraEnvValuesAreStringsEvenWhenGivenAsNumbers() {
        // `--set extraEnv[0].value=16443` arrives as a number: a Deployment with it is refused by the API server
        RenderedChart chart = RenderedChart.render("""
                extraEnv:
                  - {name: KUBERNETES_SERVICE_PORT, value: 16443}
                  - {name: DEBUG, value: true}
                  - name: POD_IP
                    valueFrom: {fieldRef: {fieldPath: status.podIP}}
                """);

        JsonNode env = chart.one("Deployment").orElseThrow().at("/spec/template/spec/containers/0/env");
        List<JsonNode> extra = new ArrayList<>();
        env.forEach(e -> {
            if (Set.of("KUBERNETES_SERVICE_PORT", "DEBUG", "POD_IP").contains(e.path("name").asText())) {
                extra.add(e);
            }
        });
        assertThat(extra).hasSize(3);
        assertThat(extra.get(0).path("value").isTextual()).isTrue();
        assertThat(extra.get(0).path("value").asText()).isEqualTo("16443");
        assertThat(extra.get(1).path("value").asText()).isEqualTo("true");
        assertThat(extra.get(1).path("value").isTextual()).isTrue();
        assertThat(extra.get(2).has("value")).isFalse();
        assertThat(extra.get(2).at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("status.podIP");
    }

    /** A role's rules as "apiGroup/resource: sorted verbs", one per resource. */
    static List<String> grants(JsonNode role) {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            TreeSet<String> verbs = new TreeSet<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    out.add(group.asText() + "/" + resource.asText() + ": " + String.join(",", verbs));
                }
            }
        }
        return out;
    }
}

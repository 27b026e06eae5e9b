package dev.kubetune.operator;

import dev.kubetune.api.job.JobDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The operator's settings. In the application they come from the Quarkus configuration
 * ({@link OperatorBeans}): {@code application.properties}, overridden by a system property of the
 * same name or an environment variable ({@code kubetune.runner.image} → {@code KUBETUNE_RUNNER_IMAGE}).
 * The namespaces, resync interval, HTTP port and server-side apply also feed quarkus-operator-sdk's
 * and Quarkus' own keys there (see {@code application.properties}).
 *
 * @param runnerImage        the runner image of pods whose resource names none
 * @param imagePullPolicy    pull policy of the runner image when the resource names none (null: Kubernetes' default)
 * @param gpuResource        the extended resource that GPUs are requested as
 * @param kueue              whether Jobs of a resource with scheduling.queueName go through Kueue
 * @param namespaces         the namespaces watched; empty means all
 * @param leaderElection     whether replicas elect a leader through a Lease
 * @param leaseName          the Lease's name
 * @param leaseNamespace     the Lease's namespace (null: the operator's own namespace)
 * @param httpPort           port of the health and metrics endpoint ({@code quarkus.http.port})
 * @param resyncInterval     how often every resource is reconciled even without events
 * @param serverSideApply    whether status is patched by server-side apply (false: JSON merge patch,
 *                           for API servers without it, such as fabric8's mock server); fixed when the
 *                           application is built ({@code quarkus.operator-sdk.enable-ssa})
 */
public record OperatorSettings(
        String runnerImage,
        String imagePullPolicy,
        String gpuResource,
        boolean kueue,
        Set<String> namespaces,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        int httpPort,
        Duration resyncInterval,
        boolean serverSideApply) {

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
    }

    /** The defaults of the Job builder that come from these settings. */
    public JobDefaults jobDefaults() {
        return new JobDefaults(runnerImage, imagePullPolicy, gpuResource, kueue);
    }

    /**
     * Settings from the bundled {@code application.properties}, system properties and the environment,
     * without Quarkus (profiles and the {@code quarkus.*} keys aside, what the application reads).
     */
    public static OperatorSettings load() {
        Properties file = new Properties();
        try (InputStream in = OperatorSettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return from(key -> {
            String env = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            return System.getProperty(key, env != null ? env : file.getProperty(key));
        });
    }

    /** Settings from {@code source} (key → value or null); missing keys take their defaults. */
    public static OperatorSettings from(UnaryOperator<String> source) {
        return new OperatorSettings(
                or(source.apply("kubetune.runner.image"), JobDefaults.RUNNER_IMAGE),
                blankToNull(source.apply("kubetune.runner.image-pull-policy")),
                or(source.apply("kubetune.gpu-resource"), JobDefaults.GPU_RESOURCE),
                Boolean.parseBoolean(or(source.apply("kubetune.kueue.enabled"), "true")),
                list(source.apply("kubetune.namespaces")),
                Boolean.parseBoolean(or(source.apply("kubetune.leader-election.enabled"), "false")),
                or(source.apply("kubetune.leader-election.lease-name"), "kubetune-operator"),
                blankToNull(source.apply("kubetune.leader-election.lease-namespace")),
                Integer.parseInt(or(source.apply("kubetune.http.port"), "8080")),
                Duration.parse(or(source.apply("kubetune.resync-interval"), "PT10M")),
                Boolean.parseBoolean(or(source.apply("kubetune.status.server-side-apply"), "true")));
    }

    /** The defaults, with the given keys overridden. */
    public static OperatorSettings with(Map<String, String> overrides) {
        return from(overrides::get);
    }

    private static Set<String> list(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        TreeSet<String> set = new TreeSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

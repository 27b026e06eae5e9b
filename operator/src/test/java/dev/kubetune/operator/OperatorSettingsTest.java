package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.job.JobDefaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        OperatorSettings s = OperatorSettings.with(Map.of());
        assertThat(s.runnerImage()).isEqualTo(JobDefaults.RUNNER_IMAGE);
        assertThat(s.gpuResource()).isEqualTo("nvidia.com/gpu");
        assertThat(s.kueue()).isTrue();
        assertThat(s.namespaces()).isEmpty();
        assertThat(s.leaderElection()).isFalse();
        assertThat(s.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.serverSideApply()).isTrue();
    }

    @Test
    void valuesAreRead() {
        OperatorSettings s = OperatorSettings.with(Map.of(
                "kubetune.runner.image", "registry.local/runner:1",
                "kubetune.gpu-resource", "amd.com/gpu",
                "kubetune.kueue.enabled", "false",
                "kubetune.namespaces", "research, prod ,",
                "kubetune.leader-election.enabled", "true",
                "kubetune.leader-election.lease-namespace", "kubetune-system"));
        assertThat(s.jobDefaults()).isEqualTo(new JobDefaults("registry.local/runner:1", null, "amd.com/gpu", false));
        assertThat(s.namespaces()).containsExactlyInAnyOrder("research", "prod");
        assertThat(s.leaderElection()).isTrue();
        assertThat(s.leaseName()).isEqualTo("kubetune-operator");
        assertThat(s.leaseNamespace()).isEqualTo("kubetune-system");
    }

    @Test
    void theBundledPropertiesLoad() {
        OperatorSettings s = OperatorSettings.load();
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.runnerImage()).isNotBlank();
    }
}

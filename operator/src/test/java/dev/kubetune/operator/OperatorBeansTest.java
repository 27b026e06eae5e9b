package dev.kubetune.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorBeansTest {

    private final OperatorBeans beans = new OperatorBeans();

    @Test
    void noLeaderElectionUnlessEnabled() {
        assertThat(beans.leaderElection(OperatorSettings.with(Map.of()))).isNull();
    }

    @Test
    void leaderElectionOnTheConfiguredLease() {
        var election = beans.leaderElection(OperatorSettings.with(Map.of(
                "kubetune.leader-election.enabled", "true",
                "kubetune.leader-election.lease-namespace", "kubetune-system")));
        assertThat(election.getLeaseName()).isEqualTo("kubetune-operator");
        assertThat(election.getLeaseNamespace()).contains("kubetune-system");
    }
}

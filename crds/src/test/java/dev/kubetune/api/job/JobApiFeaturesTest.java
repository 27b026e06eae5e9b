package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobApiFeaturesTest {

    @Test
    void kubernetes120KnowsNoneOfTheThreeFields() {
        JobApiFeatures features = JobApiFeatures.of("1", "20");

        assertThat(features).isEqualTo(new JobApiFeatures(false, false, false));
        assertThat(features.fallbacks()).containsExactly(
                "no Indexed Jobs: one Job per shard",
                "no Job suspend: Kueue queues are not used and suspended resources create no Jobs",
                "no podFailurePolicy: a bad-input exit (65) is failed by the operator, not retried");
    }

    @Test
    void eachFieldCountsFromTheReleaseWhereItIsOnByDefault() {
        assertThat(JobApiFeatures.of("1", "21")).isEqualTo(new JobApiFeatures(false, false, false));
        assertThat(JobApiFeatures.of("1", "22")).isEqualTo(new JobApiFeatures(true, true, false));
        assertThat(JobApiFeatures.of("1", "25+")).as("a provider's suffix").isEqualTo(new JobApiFeatures(true, true, false));
        assertThat(JobApiFeatures.of("1", "26")).isEqualTo(JobApiFeatures.ALL);
        assertThat(JobApiFeatures.of("1", "33")).isEqualTo(JobApiFeatures.ALL);
        assertThat(JobApiFeatures.ALL.fallbacks()).isEmpty();
    }

    @Test
    void aVersionThatDoesNotParseCountsAsCurrent() {
        assertThat(JobApiFeatures.of("", "")).isEqualTo(JobApiFeatures.ALL);
        assertThat(JobApiFeatures.of(null, "x")).isEqualTo(JobApiFeatures.ALL);
        assertThat(JobApiFeatures.of("2", "0")).isEqualTo(JobApiFeatures.ALL);
        assertThat(JobApiFeatures.of("0", "0")).as("fabric8's mock server").isEqualTo(JobApiFeatures.ALL);
    }
}

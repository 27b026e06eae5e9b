package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubeNamesTest {

    @Test
    void aNameThatFitsIsKept() {
        assertThat(KubeNames.job("notes", "fold-3")).isEqualTo("notes-fold-3");
        assertThat(KubeNames.configMap("notes")).isEqualTo("notes-task");
        assertThat(KubeNames.safe("a".repeat(63))).isEqualTo("a".repeat(63));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 70, 100, 253})
    void aLongNameIsCutAndHashedWithin63Characters(int length) {
        String full = "x".repeat(length);

        String safe = KubeNames.safe(full);

        assertThat(safe).hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                .endsWith("-" + KubeNames.sha256Hex(full).substring(0, 8))
                .isEqualTo(KubeNames.safe(full));
    }

    @Test
    void longNamesThatShareTheirStartStayDistinct() {
        String base = "clinical-notes-llama-3-2-3b-instruct-lora-rank-8-alpha-16-seed-7";

        String fold1 = KubeNames.job(base, "fold-1");
        String fold2 = KubeNames.job(base, "fold-2");

        assertThat(fold1).hasSizeLessThanOrEqualTo(63).isNotEqualTo(fold2);
        assertThat(fold2).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void theCutNeverLeavesADashOrDotBeforeTheHash() {
        String full = "a".repeat(53) + "-.-" + "b".repeat(20);

        String safe = KubeNames.safe(full);

        assertThat(safe).startsWith("a".repeat(53) + "-").doesNotContain("--", ".-");
        assertThat(safe.substring(0, safe.length() - 9)).doesNotEndWith("-").doesNotEndWith(".");
    }

    @Test
    void sha256IsTheStandardDigest() {
        assertThat(KubeNames.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

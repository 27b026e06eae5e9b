package dev.kubetune.runner.process;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {

    @Test
    void memoryAndTuningOptionsPassOnThenTheExtraOnes() {
        List<String> parent = List.of("-Xms64m", "-XX:MaxDirectMemorySize=1t", "-Dfoo=bar",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Xdebug", "-javaagent:x.jar", "-Xss4m");
        assertThat(JvmOptions.inherited(parent, " -Xmx2g  -XX:+UseSerialGC "))
                .containsExactly("-Xms64m", "-XX:MaxDirectMemorySize=1t", "-Xss4m", "-Xmx2g", "-XX:+UseSerialGC");
        assertThat(JvmOptions.inherited(parent, null)).containsExactly("-Xms64m", "-XX:MaxDirectMemorySize=1t", "-Xss4m");
    }
}

package dev.kubetune.runner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs and faults of {@code kubetune validate} and {@code kubetune infer}, each the way a user meets
 * it: exit code by the runner contract, one line naming the file and line or the field, and nothing
 * written (no output file, no temporary). The cases are in {@link FaultCatalog}.
 */
class InputFaultsTest {

    @TempDir
    Path dir;

    static Stream<Fault> faults() {
        return FaultCatalog.INPUT.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void exitsWithOneLineAndWritesNothing(Fault fault) throws Exception {
        Scene scene = new Scene(dir);
        fault.damage().apply(scene);

        Scene.Outcome outcome = fault.command().apply(scene);

        List<String> lines = outcome.errLines();
        assertThat(outcome.code()).as(outcome.err()).isEqualTo(fault.exit());
        assertThat(lines).as(outcome.err()).hasSize(1);
        assertThat(lines.get(0)).contains(fault.phrase()).contains(fault.names()).doesNotContain("Exception", "\tat ");
        assertThat(scene.written()).isEmpty();
        assertThat(scene.temporaries()).isEmpty();
        if (fault.exit() == ExitCodes.BAD_INPUT) {
            assertThat(lines.get(0)).doesNotContain("retryable");
        }
    }
}

package dev.kubetune.runner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.cli.KubetuneCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made with a file-size limit ({@code ulimit -f}, in blocks of 1 KiB) in the command's own
 * process: the write fails with EFBIG as on a full file system (the JVM ignores SIGXFSZ). The fault is
 * the machine's, so it is retryable (74, not 65), says so in one line, and leaves nothing half-written.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void inferOnAFullDiskExitsRetryableAndLeavesNothing() throws Exception {
        Scene scene = new Scene(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f 1; exec '" + java + "' -XX:-UsePerfData -cp '" + System.getProperty("java.class.path") + "' "
                + KubetuneCommand.class.getName() + " infer --model model --data data.jsonl --label-field label"
                + " --max-new-tokens 1 --chat-template -o out/predictions.jsonl";
        Process process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("infer.log").toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();

        List<String> said = Files.readAllLines(dir.resolve("infer.log")).stream()
                .filter(l -> !l.isBlank() && !l.matches("infer \\d+/\\d+ rows.*")).toList();
        assertThat(process.exitValue()).as(said.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        // stdout and stderr together: the compute line (stdout, before any work) and the one failure line
        assertThat(said).containsExactly("model model: computing in float32 on cpu",
                "kubetune: disk full (retryable): " + dir.toAbsolutePath().resolve("out/predictions.jsonl")
                        + ": cannot write: File too large");
        assertThat(scene.written()).isEmpty();
        assertThat(scene.temporaries()).isEmpty();
    }
}

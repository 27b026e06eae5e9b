package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The top-level ./kubetune launcher, as users and docs call it, on the packaged runner. */
class LauncherIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void validatesTheQuickstartAsTheReadmeSays() throws Exception {
        Result r = launch("validate", "-f", "config/samples/quickstart.yaml");

        assertThat(r.exitCode).as(r.err).isEqualTo(ExitCodes.DONE);
        assertThat(r.out).contains("FoldTraining/quickstart-notes valid");
    }

    @Test
    void rejectsABrokenManifestWithTheBadInputCode() throws Exception {
        Result r = launch("validate", "-f", "crds/src/test/resources/broken/k-too-small.yaml");

        assertThat(r.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err).contains("spec.folds.k: must be ≥ 2");
    }

    private static Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("./kubetune"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("KUBETUNE_NO_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private record Result(int exitCode, String out, String err) {
    }
}

package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final Path SAMPLES = Path.of("..", "config", "samples");

    @Test
    void acceptsTheSamplesFolder() {
        CommandRun run = CommandRun.of("validate", "-f", SAMPLES.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DONE);
        assertThat(run.out()).contains("FoldTraining/quickstart-notes valid", "InferenceRun/quickstart-best-fold valid");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void printsEachProblemWithItsFieldPathAndExitsWithTheBadInputCode(@TempDir Path dir) throws IOException {
        String quickstart = Files.readString(SAMPLES.resolve("quickstart.yaml"));
        Path broken = dir.resolve("broken.yaml");
        String text = quickstart.replace("k: 3,", "k: 1,").replace("shards: 2", "shards: 0");
        Files.writeString(broken, text);
        List<Integer> foldLines = List.of(documentLine(text, "name: quickstart-notes"));
        List<Integer> shardLines = List.of(documentLine(text, "name: quickstart-zero-shot"),
                documentLine(text, "name: quickstart-best-fold"));

        CommandRun run = CommandRun.of("validate", "-f", broken.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly(
                broken + ":" + foldLines.get(0) + ": FoldTraining/quickstart-notes: spec.folds.k: must be ≥ 2",
                broken + ":" + shardLines.get(0) + ": InferenceRun/quickstart-zero-shot: spec.shards: must be ≥ 1",
                broken + ":" + shardLines.get(1) + ": InferenceRun/quickstart-best-fold: spec.shards: must be ≥ 1",
                "3 problem(s) found");
    }

    /**
     * The 1-based line where the YAML document holding {@code fragment} begins (its {@code apiVersion}): the
     * line the validator names for a resource's schema problems.
     */
    static int documentLine(String text, String fragment) {
        List<String> lines = text.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("apiVersion:")) {
                start = i + 1;
            }
            if (lines.get(i).contains(fragment)) {
                return start;
            }
        }
        throw new AssertionError("no '" + fragment + "' in the sample");
    }

    @Test
    void aMissingFileIsOneLineOfBadInput() {
        CommandRun run = CommandRun.of("validate", "-f", "no/such/manifest.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("kubetune: no/such/manifest.yaml: no such file" + System.lineSeparator());
    }

    @Test
    void usageErrorsAreBadInputToo() {
        CommandRun run = CommandRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("kubetune: Missing required option: '--filename=FILE|DIR'");
    }
}

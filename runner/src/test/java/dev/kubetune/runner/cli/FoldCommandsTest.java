package dev.kubetune.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.runner.kfold.FoldTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubetune train-fold and kfold through the command line, volumes beside the manifest or named by flags. */
class FoldCommandsTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures").toAbsolutePath();

    @TempDir
    Path dir;

    static final String MODELS = "models=" + FIXTURES;
    static final String DATA = "data=" + FIXTURES;

    @Test
    void trainFoldWritesTheResultFileAndPrintsTheFold() throws Exception {
        Path spec = write(FoldTasks.small());
        Path resultFile = dir.resolve("termination-log");
        CommandRun run = CommandRun.of("train-fold", "--spec", spec.toString(), "--fold", "2", "--volume", MODELS, "--volume", DATA,
                "--volume", "artifacts=" + dir.resolve("out"), "--result-file", resultFile.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        assertThat(run.out()).contains("fold-2").contains("accuracy").contains("adapter: research/notes/fold-2/adapter");
        RunnerResult result = RunnerResult.fromJson(Files.readString(resultFile));
        assertThat(result.succeeded()).isTrue();
        assertThat(dir.resolve("out/research/notes/fold-2/adapter/adapter_model.safetensors")).exists();
    }

    @Test
    void badInputExitsWith65AndWritesAFailedResult() throws Exception {
        Path spec = write(FoldTasks.manifest("limit: 8", "k: 3", "epochs: 1"));
        Path resultFile = dir.resolve("termination-log");
        CommandRun run = CommandRun.of("train-fold", "--spec", spec.toString(), "--fold", "0", "--volume", MODELS, "--volume", DATA,
                "--result-file", resultFile.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString().contains("fewer than k = 3");
        RunnerResult result = RunnerResult.fromJson(Files.readString(resultFile));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("BadInput");
        assertThat(CommandRun.of("train-fold", "--spec", spec.toString(), "--fold", "5").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void kfoldRunsEveryFoldAndPrintsMeanAndStd() throws Exception {
        Path spec = write(FoldTasks.small());
        CommandRun run = CommandRun.of("kfold", "--spec", spec.toString(), "--volume", MODELS, "--volume", DATA);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DONE);
        assertThat(run.out()).contains("fold-0").contains("fold-1").contains("fold-2").contains("mean ± std")
                .contains("folds succeeded 3/3");
        // the artifacts volume defaults to volumes/artifacts beside the manifest
        assertThat(dir.resolve("volumes/artifacts/research/notes/summary.json")).exists();
        assertThat(dir.resolve("volumes/artifacts/research/notes/fold-2/result.json")).exists();
    }

    private Path write(String manifest) throws Exception {
        Path spec = dir.resolve("foldtraining.yaml");
        Files.writeString(spec, manifest);
        return spec;
    }
}

package dev.kubetune.runner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.kubetune.runner.output.Temporaries;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubetune run} stopped mid-fold (kill -9, SIGTERM) and run again: no unit runs on orphaned, the
 * state dir is locked while a run holds it, finished units are reused only with their artifacts intact,
 * nothing is done twice, stale temporaries go, and the final numbers equal an uninterrupted run's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedRunTest {

    private Map<Integer, Map<String, Double>> uninterrupted;

    @BeforeAll
    void runOnceUninterrupted(@TempDir Path dir) throws Exception {
        RunScene run = new RunScene(new Scene(dir));
        Scene.Outcome outcome = run.run();
        assertThat(outcome.code()).as(outcome.out()).isEqualTo(ExitCodes.DONE);
        uninterrupted = run.foldMetrics();
        assertThat(uninterrupted).hasSize(2);
        assertThat(uninterrupted.get(0).get("train_loss")).isFinite();
    }

    @Test
    void killedWithSignal9ThenRerun(@TempDir Path dir) throws Exception {
        RunScene run = new RunScene(new Scene(dir));
        Process first = run.startUntilSecondFold();

        Scene.Outcome second = run.run();
        assertThat(second.code()).isEqualTo(ExitCodes.IN_USE);
        assertThat(second.errLines()).singleElement().asString().contains("in use by another kubetune run")
                .contains("pid " + first.pid());

        List<ProcessHandle> units = first.descendants().toList();
        assertThat(units).isNotEmpty();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertNoneRunOn(units);
        Files.createDirectories(run.state().resolve("report"));
        Files.createDirectory(run.state().resolve("report/.report-1234567890123"));

        Scene.Outcome rerun = run.run();

        assertThat(rerun.code()).as(rerun.out()).isEqualTo(ExitCodes.DONE);
        assertThat(rerun.out()).contains("fold-0: reusing", "fold-1: started").doesNotContain("fold-0: started");
        assertThat(run.foldMetrics()).isEqualTo(uninterrupted);
        assertThat(run.scene.temporaries()).isEmpty();

        Temporaries.deleteTree(run.unitDir("fold-0").resolve("adapter"));
        Scene.Outcome afterDeletion = run.run();

        assertThat(afterDeletion.code()).isEqualTo(ExitCodes.DONE);
        assertThat(afterDeletion.out()).contains("fold-0: not reusing the stored result: lab/notes/fold-0/adapter is missing",
                "fold-0: started", "fold-1: reusing");
        assertThat(run.unitDir("fold-0").resolve("adapter/adapter_model.safetensors")).exists();
        assertThat(run.foldMetrics()).isEqualTo(uninterrupted);
    }

    @Test
    void stoppedWithSigtermThenRerun(@TempDir Path dir) throws Exception {
        RunScene run = new RunScene(new Scene(dir));
        Process first = run.startUntilSecondFold();
        List<ProcessHandle> units = first.descendants().toList();

        first.destroy();

        assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
        assertNoneRunOn(units);
        var folds = run.status().path("folds");
        assertThat(folds.get(0).path("phase").asText()).isEqualTo("Succeeded");
        assertThat(folds.get(1).path("phase").asText()).isEqualTo("Pending");
        assertThat(folds.get(1).path("message").asText()).contains("stopped by a signal before it finished");
        assertThat(run.unitDir("fold-1")).doesNotExist();

        Scene.Outcome rerun = run.run();

        assertThat(rerun.code()).as(rerun.out()).isEqualTo(ExitCodes.DONE);
        assertThat(rerun.out()).contains("fold-0: reusing", "fold-1: started").doesNotContain("fold-0: started");
        assertThat(run.foldMetrics()).isEqualTo(uninterrupted);
        assertThat(run.scene.temporaries()).isEmpty();
    }

    private static void assertNoneRunOn(List<ProcessHandle> units) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (units.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(units).noneMatch(ProcessHandle::isAlive);
    }
}

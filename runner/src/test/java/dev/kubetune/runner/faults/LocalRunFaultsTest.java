package dev.kubetune.runner.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.contract.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input met by {@code kubetune run}: one line, exit 65, and no unit launched with an input bound to fail it. */
class LocalRunFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aStateDirThatIsAFileIsBadInput() throws Exception {
        Scene scene = new Scene(dir);
        Files.writeString(scene.path("state"), "not a folder");

        Scene.Outcome outcome = new RunScene(scene).run();

        assertThat(outcome.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.errLines()).singleElement().asString().contains("is a file, not a folder").contains("--state-dir");
        assertThat(scene.written()).isEmpty();
        assertThat(Files.readString(scene.path("state"))).isEqualTo("not a folder");
    }

    @Test
    void badInputSharedByEveryUnitStartsNone() throws Exception {
        Scene scene = new Scene(dir);
        scene.replaceIn("ft.yaml", "{{ text }}", "{{ txt }}");
        RunScene run = new RunScene(scene);

        Scene.Outcome outcome = run.run();

        assertThat(outcome.code()).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> said = outcome.out().lines().filter(l -> l.contains("bad input")).toList();
        assertThat(said).singleElement().asString().contains("bad input, no unit started")
                .contains("unknown variable 'txt'");
        assertThat(outcome.out()).doesNotContain("started (log");
        assertThat(run.status().path("folds").get(1).path("failureReason").asText()).isEqualTo("BadInput");
        assertThat(run.log("fold-0")).doesNotExist();
        assertThat(scene.written()).isEmpty();
        assertThat(scene.temporaries()).isEmpty();
    }

    @Test
    void aUnitsBadInputStopsItsSiblings() throws Exception {
        Scene scene = new Scene(dir);
        scene.poison("model/model.safetensors", "model.norm.weight", Float.NaN);
        RunScene run = new RunScene(scene);

        Scene.Outcome outcome = run.run();

        assertThat(outcome.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.out().lines().filter(l -> l.contains("Failed (exit 65)")).toList()).singleElement().asString()
                .contains("fold-0").contains("holds NaN");
        assertThat(outcome.out()).contains("fold-0: started").doesNotContain("fold-1: started");
        var folds = run.status().path("folds");
        assertThat(folds.get(1).path("phase").asText()).isEqualTo("Failed");
        assertThat(folds.get(1).path("message").asText()).startsWith("not started: fold-0 failed with bad input");
        assertThat(Files.readString(run.log("fold-0"))).doesNotContain("WARN", "Exception");
        assertThat(run.log("fold-1")).doesNotExist();
        assertThat(scene.written()).isEmpty();
        assertThat(scene.temporaries()).isEmpty();
    }
}

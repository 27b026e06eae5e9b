package dev.kubetune.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSelectionTest {

    @TempDir
    Path dir;

    private final Dataset data = new Dataset("notes.jsonl", List.of(
            DataRow.of("a", "one", null), DataRow.of("b", "two", null),
            DataRow.of("c", "three", null), DataRow.of("d", "four", null)));

    @Test
    void allRowsByDefault() {
        assertThat(RowSelection.ALL.apply(data)).hasSize(4);
    }

    @Test
    void explicitIdsKeepDataSetOrder() {
        assertThat(RowSelection.ofIds(List.of("c", "a")).apply(data)).extracting(DataRow::id).containsExactly("a", "c");
    }

    @Test
    void limitKeepsTheFirstRows() {
        assertThat(RowSelection.ALL.withLimit(2).apply(data)).extracting(DataRow::id).containsExactly("a", "b");
        assertThat(RowSelection.ofIds(List.of("d", "b", "c")).withLimit(2).apply(data))
                .extracting(DataRow::id).containsExactly("b", "c");
    }

    @Test
    void idFileIgnoresBlankLinesAndComments() throws IOException {
        Path file = Files.writeString(dir.resolve("ids.txt"), "# held out\nd\n\n  b  \n");
        assertThat(RowSelection.ofIdFile(file).apply(data)).extracting(DataRow::id).containsExactly("b", "d");
    }

    @Test
    void unknownIdNamesWhereItWasAskedFor() throws IOException {
        assertThatThrownBy(() -> RowSelection.ofIds(List.of("a", "X")).apply(data))
                .isInstanceOf(BadInputException.class).hasMessage("--ids: unknown id 'X'");
        Path file = Files.writeString(dir.resolve("ids.txt"), "a\n# comment\nX\n");
        assertThatThrownBy(() -> RowSelection.ofIdFile(file).apply(data))
                .isInstanceOf(BadInputException.class).hasMessage(file + ":3: unknown id 'X'");
    }

    @Test
    void missingIdFileAndBadLimit() {
        Path file = dir.resolve("absent.txt");
        assertThatThrownBy(() -> RowSelection.ofIdFile(file).apply(data)).hasMessage(file + ": no such file");
        assertThatThrownBy(() -> RowSelection.ALL.withLimit(0)).isInstanceOf(BadInputException.class);
    }

    @Test
    void emptySelectionIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("ids.txt"), "# nothing\n");
        assertThatThrownBy(() -> RowSelection.ofIdFile(file).apply(data))
                .isInstanceOf(BadInputException.class).hasMessage("notes.jsonl: no rows selected");
    }
}

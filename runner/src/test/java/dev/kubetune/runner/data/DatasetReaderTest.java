package dev.kubetune.runner.data;

import dev.kubetune.api.spec.DataFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    private static final DatasetFields LABELLED = DatasetFields.DEFAULT.withLabel("label");

    @TempDir
    Path dir;

    private final DatasetReader reader = new DatasetReader();

    static Path fixture(String name) {
        try {
            return Path.of(DatasetReaderTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonlAndCsvFixturesReadTheSameRowsInFileOrder() {
        Dataset jsonl = reader.read(fixture("clinical-notes.jsonl"), LABELLED);
        Dataset csv = reader.read(fixture("clinical-notes.csv"), LABELLED);

        assertThat(jsonl.size()).isEqualTo(240);
        assertThat(jsonl.labels()).hasSize(6).contains("cardiac", "skin");
        assertThat(jsonl.labelled()).isTrue();
        assertThat(jsonl.rows().get(0).id()).isEqualTo("N01-0233");
        assertThat(jsonl.rows().get(0).label()).isEqualTo("skin");
        assertThat(csv.rows()).extracting(DataRow::id).isEqualTo(jsonl.rows().stream().map(DataRow::id).toList());
        assertThat(csv.rows()).extracting(DataRow::text).isEqualTo(jsonl.rows().stream().map(DataRow::text).toList());
    }

    @Test
    void jsonArrayKeepsEveryFieldAndConfiguredNames() throws IOException {
        Path file = write("notes.json", """
                [
                  {"note_id": 7, "body": "chest pain", "dept": "ER", "gold": "cardiac"},
                  {"note_id": 8, "body": "rash", "dept": "GP", "gold": "skin"}
                ]
                """);
        Dataset data = reader.read(file, new DatasetFields("note_id", "body", "gold"));

        assertThat(data.rows()).extracting(DataRow::id).containsExactly("7", "8");
        DataRow first = data.rows().get(0);
        assertThat(first.text()).isEqualTo("chest pain");
        assertThat(first.label()).isEqualTo("cardiac");
        assertThat(first.fields()).containsEntry("dept", "ER").containsKeys("note_id", "body", "gold");
    }

    @Test
    void withoutIdFieldRowsAreNumbered() throws IOException {
        Path file = write("plain.jsonl", "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n");
        Dataset data = reader.read(file, new DatasetFields(null, "text", null));
        assertThat(data.rows()).extracting(DataRow::id).containsExactly("1", "2");
        assertThat(data.rows().get(0).label()).isNull();
    }

    @Test
    void explicitFormatOverridesExtension() throws IOException {
        Path file = write("notes.txt", "id,text\na,hello\n");
        assertThat(reader.read(file, DataFormat.CSV, DatasetFields.DEFAULT).rows()).hasSize(1);
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessageContaining("notes.txt");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.jsonl");
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessage(file + ": no such file");
    }

    @Test
    void badJsonLineNamesItsLine() throws IOException {
        Path file = write("notes.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \n");
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(file + ":2: ");
    }

    @Test
    void badJsonInArrayNamesItsLine() throws IOException {
        Path file = write("notes.json", "[\n{\"id\": \"a\", \"text\": \"x\"},\n{\"id\": \"b\" \"text\": \"y\"}\n]\n");
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(file + ":3: ");
    }

    @Test
    void missingFieldInCsvNamesLineAndField() throws IOException {
        Path file = write("notes.csv", "id,text,label\na,one,x\nb,two,y\nc,three,z\nd,,w\n");
        assertThatThrownBy(() -> reader.read(file, LABELLED))
                .isInstanceOf(BadInputException.class).hasMessage(file + ":5: field 'text' is empty");
    }

    @Test
    void missingLabelFieldInJsonl() throws IOException {
        Path file = write("notes.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
        assertThatThrownBy(() -> reader.read(file, LABELLED))
                .isInstanceOf(BadInputException.class).hasMessage(file + ":1: no field 'label'");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstField() throws IOException {
        Path file = write("excel.csv", "\uFEFFid,text,label\na,one,x\n");
        assertThat(reader.read(file, LABELLED).rows()).extracting(DataRow::id).containsExactly("a");
    }

    @Test
    void duplicateId() throws IOException {
        Path file = write("notes.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n"
                + "{\"id\": \"a\", \"text\": \"z\"}\n");
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ":3: duplicate id 'a' (first on line 1)");
    }

    @Test
    void emptyDataSet() throws IOException {
        Path file = write("empty.csv", "id,text\n");
        assertThatThrownBy(() -> reader.read(file, DatasetFields.DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessage(file + ": the data set has no rows");
    }

    @Test
    void multilineCsvCellsAreText() throws IOException {
        Path file = write("notes.csv", "id,text\na,\"two\nlines\"\nb,\"say \"\"hi\"\"\"\n");
        List<DataRow> rows = reader.read(file, DatasetFields.DEFAULT).rows();
        assertThat(rows).extracting(DataRow::text).containsExactly("two\nlines", "say \"hi\"");

        Path bad = write("bad.csv", "id,text\na,\"two\nlines\"\nb,\nc,x\n");
        assertThatThrownBy(() -> reader.read(bad, DatasetFields.DEFAULT)).hasMessage(bad + ":4: field 'text' is empty");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

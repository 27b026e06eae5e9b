package dev.kubetune.runner.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {

    private static final List<String> LABELS = List.of("cardiac", "skin");
    private static final DataRow ROW = new DataRow("n1", "Chest pain {{ x }}", "cardiac",
            Map.of("id", "n1", "text", "Chest pain {{ x }}", "label", "cardiac", "ward", "ER"));

    @TempDir
    Path dir;

    private final ChatTemplate chat = ChatTemplate.fromModelFolder(ChatTemplateTest.resource("fixtures/tiny-llama"));

    @Test
    void templateSeesRowFieldsAndLabelsAndKeepsTextLiteral() {
        PromptTemplate template = PromptTemplate.of("Classify the note from {{ ward }} ({{ labels | join('/') }}).\n{{ text }}");
        assertThat(template.render(ROW, LABELS)).isEqualTo("Classify the note from ER (cardiac/skin).\nChest pain {{ x }}");
    }

    @Test
    void builtInsAndFiles() throws IOException {
        assertThat(PromptTemplate.of("plain").render(ROW, LABELS)).isEqualTo("Chest pain {{ x }}");
        assertThat(PromptTemplate.of("classify").render(ROW, LABELS))
                .startsWith("Classify the following text into exactly one of these categories: cardiac, skin.")
                .endsWith("Text: Chest pain {{ x }}");
        Path file = Files.writeString(dir.resolve("prompt.j2"), "Note {{ id }}: {{ text }}\n");
        assertThat(PromptTemplate.of(file.toString()).render(ROW, LABELS)).isEqualTo("Note n1: Chest pain {{ x }}");
        assertThatThrownBy(() -> PromptTemplate.of(dir.resolve("absent.j2").toString()))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("absent.j2: no such prompt template file");
        assertThat(PromptTemplate.of("Just words").render(ROW, LABELS)).isEqualTo("Just words");
    }

    @Test
    void brokenTemplateIsBadInput() {
        assertThatThrownBy(() -> PromptTemplate.of("{% if text %}unclosed").render(ROW, LABELS))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("prompt template: ");
    }

    @Test
    void chatTemplateWrapsSystemAndUserMessage() {
        PromptBuilder builder = new PromptBuilder(PromptTemplate.of("Classify the note.\n{{ text }}"), chat,
                "Answer with one word.", LABELS);
        assertThat(builder.build(ROW)).isEqualTo("<|im_start|>system\nAnswer with one word.<|im_end|>\n"
                + "<|im_start|>user\nClassify the note.\nChest pain {{ x }}<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void withoutChatTemplateThePromptIsThePlainText() {
        assertThat(new PromptBuilder(PromptTemplate.of("plain"), null, null, LABELS).build(ROW))
                .isEqualTo("Chest pain {{ x }}");
        assertThat(new PromptBuilder(PromptTemplate.of("plain"), null, "Be brief.", LABELS).build(ROW))
                .isEqualTo("Be brief.\n\nChest pain {{ x }}");
    }

    @Test
    void trainingPairPromptIsTheInferencePrompt() {
        PromptBuilder builder = new PromptBuilder(PromptTemplate.of("classify"), chat, "Answer with one word.", LABELS);
        TrainingPair pair = builder.trainingPair(ROW);
        assertThat(pair.prompt()).isEqualTo(builder.build(ROW));
        assertThat(pair.response()).isEqualTo("cardiac");
        assertThat(pair.id()).isEqualTo("n1");
        assertThatThrownBy(() -> builder.trainingPair(DataRow.of("n2", "x", null)))
                .isInstanceOf(BadInputException.class).hasMessage("row 'n2': no label to train on");
    }
}

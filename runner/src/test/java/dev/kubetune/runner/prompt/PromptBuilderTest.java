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
        assertThat(pair.response()).isEqualTo("cardiac<|im_end|>\n");
        assertThat(pair.id()).isEqualTo("n1");
        assertThatThrownBy(() -> builder.trainingPair(DataRow.of("n2", "x", null)))
                .isInstanceOf(BadInputException.class).hasMessage("row 'n2': no label to train on");
    }

    @Test
    void trainingResponseIsTheAssistantTurnAsTheTemplateRendersIt() {
        PromptBuilder builder = new PromptBuilder(PromptTemplate.of("classify"), chat, "Answer with one word.", LABELS);
        TrainingPair pair = builder.trainingPair(ROW);
        assertThat(pair.response()).isEqualTo("cardiac<|im_end|>\n");
        assertThat(pair.endsTurn()).isTrue();
        assertThat(pair.prompt() + pair.response()).isEqualTo(chat.render(List.of(ChatMessage.system("Answer with one word."),
                ChatMessage.user(PromptTemplate.of("classify").render(ROW, LABELS)), ChatMessage.assistant("cardiac")), false));
        TrainingPair plain = new PromptBuilder(PromptTemplate.of("plain"), null, null, LABELS).trainingPair(ROW);
        assertThat(plain.response()).isEqualTo("cardiac");
        assertThat(plain.endsTurn()).isFalse();
    }

    @Test
    void aTemplateWhoseConversationDoesNotStartWithThePromptTrainsOnTheLabelAndEos() {
        ChatTemplate thinking = ChatTemplate.of("{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}"
                + "{% if add_generation_prompt %}<assistant><think>{% endif %}", Map.of(), "r1", java.time.Clock.systemUTC());
        TrainingPair pair = new PromptBuilder(PromptTemplate.of("plain"), thinking, null, LABELS).trainingPair(ROW);
        assertThat(pair.prompt()).endsWith("<assistant><think>");
        assertThat(pair.response()).isEqualTo("cardiac");
        assertThat(pair.endsTurn()).isFalse();
    }

    @Test
    void systemTextCanGoIntoTheUserTurnAndArgumentsReachTheTemplate() {
        ChatTemplate roles = ChatTemplate.of("{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}"
                + "{% if enable_thinking is false %}/no_think{% endif %}", Map.of(), "roles", java.time.Clock.systemUTC());
        PromptBuilder folded = new PromptBuilder(PromptTemplate.of("plain"), roles, "Be brief.", LABELS,
                new PromptBuilder.ChatOptions(Map.of("enable_thinking", false), true));
        assertThat(folded.build(ROW)).isEqualTo("[user]Be brief.\n\nChest pain {{ x }}/no_think");
        assertThat(new PromptBuilder(PromptTemplate.of("plain"), roles, "Be brief.", LABELS).build(ROW))
                .isEqualTo("[system]Be brief.[user]Chest pain {{ x }}");
    }

    @Test
    void promptTemplateListsItsVariablesAndReportsSyntaxErrorsWithTheirLine() {
        assertThat(PromptTemplate.of("{{ ward }}: {% for l in labels %}{{ l }}{% endfor %}\n{{ text | trim }}").variables())
                .containsExactly("ward", "labels", "text");
        assertThatThrownBy(() -> PromptTemplate.of("Note:\n{{ text ").variables())
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("prompt template: line 2: ");
        assertThatThrownBy(() -> PromptTemplate.of("{{ txt.upper() }}").render(ROW, LABELS))
                .isInstanceOf(BadInputException.class).hasMessage("prompt template: line 1: 'txt' is undefined");
    }

    @Test
    void theDateArgumentPinsThePromptWhichThePredictionCacheKeyHolds() {
        ChatTemplate dated = ChatTemplate.of("{{ messages[0].content }} {{ date_string | default(strftime_now('%d %b %Y')) }}",
                Map.of(), "dated", java.time.Clock.fixed(java.time.Instant.parse("2026-03-05T10:00:00Z"), java.time.ZoneOffset.UTC));
        String today = new PromptBuilder(PromptTemplate.of("plain"), dated, null, LABELS).build(ROW);
        String pinned = new PromptBuilder(PromptTemplate.of("plain"), dated, null, LABELS,
                new PromptBuilder.ChatOptions(Map.of("date_string", "26 Jul 2024"), false)).build(ROW);
        assertThat(today).isEqualTo("Chest pain {{ x }} 05 Mar 2026");
        assertThat(pinned).isEqualTo("Chest pain {{ x }} 26 Jul 2024");
        assertThat(dev.kubetune.runner.cache.CacheKey.of("model", "none", pinned, Map.of()).digest())
                .isNotEqualTo(dev.kubetune.runner.cache.CacheKey.of("model", "none", today, Map.of()).digest());
    }
}

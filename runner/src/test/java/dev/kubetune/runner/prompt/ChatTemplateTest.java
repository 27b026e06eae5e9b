package dev.kubetune.runner.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(ChatTemplateTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ChatMessage> messages(JsonNode node) {
        List<ChatMessage> messages = new ArrayList<>();
        node.forEach(m -> messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText())));
        return messages;
    }

    /** Every fixture's expected.json case that has messages renders to exactly its text. */
    @ParameterizedTest
    @ValueSource(strings = {"tiny-gemma2", "tiny-llama", "tiny-llama3", "tiny-mistral", "tiny-qwen2-bf16", "tiny-qwen3"})
    void rendersTheFixturesExactlyAsTransformers(String variant) throws IOException {
        Path folder = resource("fixtures/" + variant);
        ChatTemplate template = ChatTemplate.fromModelFolder(folder);
        JsonNode cases = JSON.readTree(folder.resolve("expected.json").toFile()).get("cases");
        int checked = 0;
        for (JsonNode c : cases) {
            if (c.has("messages")) {
                assertThat(template.render(messages(c.get("messages")), true)).isEqualTo(c.get("text").asText());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    static Stream<Arguments> referenceCases() throws IOException {
        JsonNode root = JSON.readTree(resource("chat-templates/cases.json").toFile());
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String name = c.get("template").asText();
            arguments.add(Arguments.of(name + (c.get("add_generation_prompt").asBoolean() ? " +gen" : ""),
                    root.get("templates").get(name).asText(), c));
        }
        return arguments.stream();
    }

    /** Templates in the style of well-known models, checked against Python Jinja2 (make_cases.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void rendersWellKnownTemplatesLikePythonJinja(String name, String source, JsonNode c) {
        ChatTemplate template = ChatTemplate.of(source, Map.of("bos_token", "<s>", "eos_token", "</s>"), name,
                java.time.Clock.systemUTC());
        List<ChatMessage> messages = messages(c.get("messages"));
        boolean generationPrompt = c.get("add_generation_prompt").asBoolean();
        if (c.has("error")) {
            assertThatThrownBy(() -> template.render(messages, generationPrompt))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("chat template of " + name + ": " + c.get("error").asText());
        } else {
            assertThat(template.render(messages, generationPrompt)).isEqualTo(c.get("text").asText());
        }
    }

    @Test
    void readsSpecialTokensWrittenAsObjects() throws IOException {
        Path config = Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>",
                 "chat_template": "{{ bos_token }}{{ messages[0].content }}{{ eos_token }}"}
                """);
        ChatTemplate template = ChatTemplate.fromModelFolder(config.getParent());
        assertThat(template.specialTokens()).containsEntry("bos_token", "<s>").containsEntry("eos_token", "</s>");
        assertThat(template.render(List.of(ChatMessage.user("hi")), true)).isEqualTo("<s>hi</s>");
    }

    @Test
    void fallsBackToChatTemplateJinjaFile() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        Files.writeString(dir.resolve("chat_template.jinja"), "{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}\n");
        assertThat(ChatTemplate.fromModelFolder(dir).render(List.of(ChatMessage.user("x")), false)).isEqualTo("[user]x");
    }

    @Test
    void modelWithoutChatTemplateIsBadInput() throws IOException {
        Path config = Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(config + ": no chat_template");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir.resolve("absent")))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("tokenizer_config.json: no such file");
    }

    @Test
    void picksNamedTemplatesAndPrefersChatTemplateJinja() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"chat_template": [{"name": "default", "template": "D{{ messages[0].content }}"},
                                   {"name": "rag", "template": "R{{ messages[0].content }}"}]}
                """);
        List<ChatMessage> hi = List.of(ChatMessage.user("hi"));
        assertThat(ChatTemplate.fromModelFolder(dir).render(hi, true)).isEqualTo("Dhi");
        assertThat(ChatTemplate.fromModelFolder(dir, "rag", java.time.Clock.systemUTC()).render(hi, true)).isEqualTo("Rhi");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir, "tool_use", java.time.Clock.systemUTC()))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("no chat template named 'tool_use' (it has default, rag)");
        Files.writeString(dir.resolve("chat_template.jinja"), "J{{ messages[0].content }}\n");
        assertThat(ChatTemplate.fromModelFolder(dir).render(hi, true)).isEqualTo("Jhi");
    }

    @Test
    void argumentsReachTheTemplateAndWinOverSpecialTokens() {
        ChatTemplate template = ChatTemplate.of("{{ bos_token }}{% if enable_thinking is defined and not enable_thinking %}"
                + "<no-think>{% endif %}{{ date_string | default(strftime_now('%d %b %Y')) }}", Map.of("bos_token", "<s>"), "t",
                java.time.Clock.fixed(java.time.Instant.parse("2026-03-05T10:00:00Z"), java.time.ZoneOffset.UTC));
        List<ChatMessage> hi = List.of(ChatMessage.user("hi"));
        assertThat(template.render(hi, true)).isEqualTo("<s>05 Mar 2026");
        assertThat(template.render(hi, true, Map.of("enable_thinking", false, "date_string", "26 Jul 2024", "bos_token", "")))
                .isEqualTo("<no-think>26 Jul 2024");
        assertThatThrownBy(() -> template.render(hi, true, Map.of("messages", List.of())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("prompt.chatTemplateArgs: 'messages'");
    }

    @Test
    void aTemplateThatRejectsTheInputIsBadInputWithItsOwnMessage() throws IOException {
        String gemma2 = Files.readString(resource("chat-templates/published/google-gemma-2-2b-it.jinja"));
        ChatTemplate template = ChatTemplate.of(gemma2, Map.of("bos_token", "<bos>"), "gemma-2", java.time.Clock.systemUTC());
        assertThatThrownBy(() -> template.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("hi")), true))
                .isInstanceOf(BadInputException.class).hasMessage("chat template of gemma-2: System role not supported");
        assertThatThrownBy(() -> ChatTemplate.of("{% for m in messages %}", Map.of(), "broken", java.time.Clock.systemUTC()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("chat template of broken: line 1: Unexpected end of template");
    }
}

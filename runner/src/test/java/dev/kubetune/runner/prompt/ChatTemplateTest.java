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
        ChatTemplate template = new ChatTemplate(source, Map.of("bos_token", "<s>", "eos_token", "</s>"), name);
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
        ChatTemplate template = ChatTemplate.fromTokenizerConfig(config);
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
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(config + ": no chat_template");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir.resolve("absent")))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("tokenizer_config.json: no such file");
    }
}

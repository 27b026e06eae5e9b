package dev.kubetune.runner.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against Python Jinja2 on real published chat templates: every case of
 * chat-templates/expected.json (written by render_expected.py) renders to exactly its text, or fails
 * where Python fails, with the template's own message when the template raised; likewise the
 * feature snippets of snippets.py.
 */
class PublishedTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path resource(String name) {
        try {
            return Path.of(PublishedTemplatesTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode expected = JSON.readTree(resource("chat-templates/expected.json").toFile());
        JsonNode sources = JSON.readTree(resource("chat-templates/published/sources.json").toFile()).get("templates");
        Map<String, JsonNode> byName = new HashMap<>();
        sources.forEach(s -> byName.put(s.get("name").asText(), s));
        Clock clock = Clock.fixed(LocalDateTime.parse(expected.get("pinned_now").asText()).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC);
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : expected.get("cases")) {
            out.add(Arguments.of(c.get("template").asText() + " " + c.get("shape").asText() + " " + c.get("args"),
                    byName.get(c.get("template").asText()), c, clock));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsTransformers(String name, JsonNode source, JsonNode c, Clock clock) throws IOException {
        String text = Files.readString(resource("chat-templates/published/" + source.get("file").asText()),
                StandardCharsets.UTF_8);
        JinjaTemplate template = JinjaEnvironment.chatTemplates(clock).parse(text);
        Map<String, Object> variables = new HashMap<>(JSON.convertValue(source.get("special_tokens"), Map.class));
        variables.putAll(JSON.convertValue(c.get("args"), Map.class));
        variables.put("messages", JSON.convertValue(c.get("messages"), List.class));
        variables.put("tools", null);
        variables.put("documents", null);
        variables.put("add_generation_prompt", c.get("add_generation_prompt").asBoolean());
        if (c.has("text")) {
            assertThat(template.render(variables)).isEqualTo(c.get("text").asText());
        } else if (c.has("error")) {
            assertThatThrownBy(() -> template.render(variables)).isInstanceOf(TemplateRenderException.class)
                    .hasMessage(c.get("error").asText())
                    .matches(e -> ((TemplateRenderException) e).raisedByTemplate());
        } else {
            assertThatThrownBy(() -> template.render(variables)).isInstanceOf(TemplateRenderException.class)
                    .hasMessage(c.get("failure").asText())
                    .matches(e -> !((TemplateRenderException) e).raisedByTemplate());
        }
    }

    static Stream<Arguments> snippets() throws IOException {
        JsonNode expected = JSON.readTree(resource("chat-templates/expected.json").toFile());
        Clock clock = Clock.fixed(LocalDateTime.parse(expected.get("pinned_now").asText()).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC);
        List<Arguments> out = new ArrayList<>();
        for (JsonNode s : expected.get("snippets")) {
            out.add(Arguments.of(s.get("template").asText(), s, expected.get("snippet_variables"), clock));
        }
        return out.stream();
    }

    /** One Jinja2 feature each (snippets.py): values, methods, filters, tests, whitespace control, scoping. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void snippetsRenderAsJinja2Does(String source, JsonNode s, JsonNode variables, Clock clock) {
        JinjaTemplate template = JinjaEnvironment.chatTemplates(clock).parse(source);
        Map<String, Object> values = JSON.convertValue(variables, Map.class);
        if (s.has("text")) {
            assertThat(template.render(values)).isEqualTo(s.get("text").asText());
        } else {
            assertThatThrownBy(() -> template.render(values)).isInstanceOf(TemplateRenderException.class)
                    .hasMessage(s.get("error").asText());
        }
    }

    static Stream<Arguments> syntaxErrors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        JSON.readTree(resource("chat-templates/expected.json").toFile()).get("syntax_errors").forEach(e ->
                out.add(Arguments.of(e.get("template").asText(), e.get("line").asInt(), e.get("message").asText())));
        return out.stream();
    }

    /** What Jinja2 refuses to parse, refused with its line and message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsHaveJinja2sLineAndMessage(String source, int line, String message) {
        assertThatThrownBy(() -> JinjaEnvironment.chatTemplates(Clock.systemUTC()).parse(source))
                .isInstanceOf(TemplateSyntaxException.class).hasMessage(message)
                .matches(e -> ((TemplateSyntaxException) e).line() == line, "line " + line);
    }
}

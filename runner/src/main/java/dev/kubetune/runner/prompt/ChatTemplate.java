package dev.kubetune.runner.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.jinja.JinjaEnvironment;
import dev.kubetune.runner.jinja.JinjaTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's chat template, rendered exactly as Python transformers'
 * {@code apply_chat_template(messages, tokenize=False, add_generation_prompt=..., **args)} renders it:
 * the same Jinja2 environment (see {@link JinjaEnvironment#chatTemplates}), the variables
 * {@code messages}, {@code add_generation_prompt}, {@code tools=None}, {@code documents=None}, the
 * tokenizer's special tokens ({@code bos_token}, {@code eos_token}, …) and the extra arguments
 * ({@code enable_thinking}, {@code date_string}, …), which win over special tokens of the same name.
 *
 * @param template the parsed template
 * @param specialTokens the special tokens by variable name ({@code bos_token} → {@code <s>}); absent ones left out
 * @param source where the template came from (for messages)
 */
public record ChatTemplate(JinjaTemplate template, Map<String, Object> specialTokens, String source) {

    /** The default named template when {@code chat_template} is a list, as transformers picks it. */
    public static final String DEFAULT_NAME = "default";

    private static final List<String> TOKEN_KEYS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");
    private static final Set<String> RESERVED = Set.of("messages", "add_generation_prompt", "tools", "documents");

    public ChatTemplate {
        specialTokens = Map.copyOf(specialTokens);
    }

    /** A template from its Jinja source; {@code strftime_now} reads {@code clock}. */
    public static ChatTemplate of(String source, Map<String, Object> specialTokens, String name, Clock clock) {
        String what = "chat template of " + name;
        return new ChatTemplate(Templates.parse(JinjaEnvironment.chatTemplates(clock), source, what), specialTokens, name);
    }

    /** The default chat template of a model folder (see {@link #fromModelFolder(Path, String, Clock)}). */
    public static ChatTemplate fromModelFolder(Path modelFolder) {
        return fromModelFolder(modelFolder, null, Clock.systemDefaultZone());
    }

    /**
     * Reads a model folder's chat template as transformers loads it: {@code chat_template.jinja} when
     * present (newer releases save it there), else {@code tokenizer_config.json}'s {@code chat_template},
     * a string or a list of named templates. {@code name} picks a named template (a list entry, or
     * {@code additional_chat_templates/<name>.jinja}); {@code null} means the default one.
     */
    public static ChatTemplate fromModelFolder(Path modelFolder, String name, Clock clock) {
        Path tokenizerConfig = modelFolder.resolve("tokenizer_config.json");
        JsonNode config = readConfig(tokenizerConfig);
        Map<String, Object> tokens = specialTokens(config);
        Path jinja = modelFolder.resolve("chat_template.jinja");
        Path named = name == null ? null : modelFolder.resolve("additional_chat_templates").resolve(name + ".jinja");
        if (named != null && Files.isRegularFile(named)) {
            return of(read(named), tokens, named.toString(), clock);
        }
        if (name == null && Files.isRegularFile(jinja)) {
            return of(read(jinja), tokens, jinja.toString(), clock);
        }
        return of(templateText(config.get("chat_template"), tokenizerConfig, name), tokens,
                tokenizerConfig + (name == null ? "" : " (" + name + ")"), clock);
    }

    /**
     * Renders {@code messages}; with {@code addGenerationPrompt} the text ends where the assistant's
     * reply starts. A template that rejects the messages is bad input with the template's own message.
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, Object> args) {
        for (String key : args.keySet()) {
            if (RESERVED.contains(key)) {
                throw new BadInputException("prompt.chatTemplateArgs: '" + key + "' is set by the runner, not an argument");
            }
        }
        Map<String, Object> variables = new HashMap<>(specialTokens);
        variables.putAll(args);
        variables.put("messages", messages.stream().map(ChatMessage::asTemplateValue).toList());
        variables.put("add_generation_prompt", addGenerationPrompt);
        variables.put("tools", null);
        variables.put("documents", null);
        return Templates.render(template, variables, "chat template of " + source);
    }

    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    private static JsonNode readConfig(Path tokenizerConfig) {
        try {
            return new ObjectMapper().readTree(tokenizerConfig.toFile());
        } catch (IOException e) {
            if (!Files.exists(tokenizerConfig)) {
                throw new BadInputException(tokenizerConfig + ": no such file");
            }
            throw new BadInputException(tokenizerConfig + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> specialTokens(JsonNode config) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String key : TOKEN_KEYS) {
            String token = tokenText(config.get(key));
            if (token != null) {
                tokens.put(key, token);
            }
        }
        JsonNode extra = config.get("additional_special_tokens");
        if (extra != null && extra.isArray()) {
            List<String> additional = new ArrayList<>();
            extra.forEach(t -> additional.add(tokenText(t)));
            tokens.put("additional_special_tokens", additional);
        }
        return tokens;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String templateText(JsonNode node, Path tokenizerConfig, String name) {
        if (node != null && node.isTextual() && name == null) {
            return node.asText();
        }
        if (node != null && node.isArray()) { // [{name, template}, ...]
            List<String> names = new ArrayList<>();
            for (JsonNode named : node) {
                names.add(named.path("name").asText());
                if (named.path("name").asText().equals(name == null ? DEFAULT_NAME : name)) {
                    return named.path("template").asText();
                }
            }
            throw new BadInputException(tokenizerConfig + ": no chat template named '" + (name == null ? DEFAULT_NAME : name)
                    + "' (it has " + String.join(", ", names) + ")");
        }
        if (name != null) {
            throw new BadInputException(tokenizerConfig + ": no chat template named '" + name + "'");
        }
        throw new BadInputException(tokenizerConfig + ": no chat_template (turn the chat template off for this model)");
    }

    /** A special token is written either as its text or as an AddedToken object with {@code content}. */
    private static String tokenText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isObject() ? node.path("content").asText(null) : node.asText();
    }
}

package dev.kubetune.runner.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template (the {@code chat_template} of its {@code tokenizer_config.json}), rendered
 * as Python transformers' {@code apply_chat_template(messages, tokenize=False, add_generation_prompt=...)}
 * does: Jinja with trim_blocks and lstrip_blocks, the variables {@code messages},
 * {@code add_generation_prompt} and the special tokens ({@code bos_token}, {@code eos_token}, …), and
 * the function {@code raise_exception}. {@code strftime_now} and tools are not supported.
 *
 * @param template the Jinja source
 * @param specialTokens the special tokens by variable name ({@code bos_token} → {@code <s>}); absent ones left out
 * @param source where the template came from (for messages)
 */
public record ChatTemplate(String template, Map<String, Object> specialTokens, String source) {

    private static final List<String> TOKEN_KEYS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");

    public ChatTemplate {
        specialTokens = Map.copyOf(specialTokens);
    }

    /**
     * Reads the chat template of a model folder's {@code tokenizer_config.json} (or, when that has
     * none, of {@code chat_template.jinja} beside it, as newer transformers releases save it).
     */
    public static ChatTemplate fromModelFolder(Path modelFolder) {
        return fromTokenizerConfig(modelFolder.resolve("tokenizer_config.json"));
    }

    public static ChatTemplate fromTokenizerConfig(Path tokenizerConfig) {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(tokenizerConfig.toFile());
        } catch (IOException e) {
            if (!Files.exists(tokenizerConfig)) {
                throw new BadInputException(tokenizerConfig + ": no such file");
            }
            throw new BadInputException(tokenizerConfig + ": not valid JSON: " + e.getMessage(), e);
        }
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
        return new ChatTemplate(templateText(config.get("chat_template"), tokenizerConfig), tokens,
                tokenizerConfig.toString());
    }

    /** Renders {@code messages}; with {@code addGenerationPrompt} the text ends where the assistant's reply starts. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        Map<String, Object> variables = new LinkedHashMap<>(specialTokens);
        variables.put("messages", messages.stream().map(ChatMessage::asTemplateValue).toList());
        variables.put("add_generation_prompt", addGenerationPrompt);
        return JinjaTemplates.CHAT.render(template, variables, "chat template of " + source);
    }

    private static String templateText(JsonNode node, Path tokenizerConfig) {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        if (node != null && node.isArray()) { // [{name, template}, ...]: transformers uses "default"
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) {
                    return named.path("template").asText();
                }
            }
        }
        Path jinja = tokenizerConfig.resolveSibling("chat_template.jinja");
        try {
            return Files.readString(jinja, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(tokenizerConfig + ": no chat_template (turn the chat template off for this model)");
        } catch (IOException e) {
            throw new BadInputException(jinja + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A special token is written either as its text or as an AddedToken object with {@code content}. */
    private static String tokenText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isObject() ? node.path("content").asText(null) : node.asText();
    }
}

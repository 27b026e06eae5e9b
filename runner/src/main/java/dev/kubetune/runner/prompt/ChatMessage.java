package dev.kubetune.runner.prompt;

import java.util.Map;

/**
 * One message of a conversation, as chat templates see it ({@code message['role']},
 * {@code message.content}).
 *
 * @param role system, user or assistant
 * @param content the message text
 */
public record ChatMessage(String role, String content) {

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The message as the map a Jinja template indexes. */
    Map<String, Object> asTemplateValue() {
        return Map.of("role", role, "content", content);
    }
}

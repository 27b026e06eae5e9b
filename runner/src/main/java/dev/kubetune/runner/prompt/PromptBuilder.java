package dev.kubetune.runner.prompt;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the final prompt string for a row: the prompt template renders the user message, which
 * the model's chat template wraps (with the optional system message, ending where the assistant's
 * reply starts). With the chat template off the prompt is the rendered text itself, after the
 * system message and a blank line when there is one. Inference and training both use this class,
 * so a fine-tuned adapter sees exactly the prompts it was trained on.
 */
public final class PromptBuilder {

    private final PromptTemplate template;
    private final ChatTemplate chatTemplate;
    private final String system;
    private final List<String> labels;
    private final ChatOptions chat;

    /**
     * How the chat template is applied.
     *
     * @param args extra template variables ({@code enable_thinking}, {@code date_string}), as
     *     {@code apply_chat_template(**kwargs)} passes them
     * @param systemInUserTurn put the system text at the start of the user message (blank line between)
     *     instead of a system message, for templates that reject the system role (Gemma 2)
     */
    public record ChatOptions(Map<String, Object> args, boolean systemInUserTurn) {
        public static final ChatOptions DEFAULT = new ChatOptions(Map.of(), false);

        public ChatOptions {
            args = args == null ? Map.of() : Map.copyOf(args);
        }
    }

    /**
     * @param template the user-message template
     * @param chatTemplate the model's chat template, or {@code null} to send the plain text
     * @param system the system message, or {@code null}/blank for none
     * @param labels the allowed labels (the template's {@code labels}), or empty
     */
    public PromptBuilder(PromptTemplate template, ChatTemplate chatTemplate, String system, List<String> labels) {
        this(template, chatTemplate, system, labels, ChatOptions.DEFAULT);
    }

    public PromptBuilder(PromptTemplate template, ChatTemplate chatTemplate, String system, List<String> labels,
                         ChatOptions chat) {
        this.template = template;
        this.chatTemplate = chatTemplate;
        this.system = system == null || system.isBlank() ? null : system;
        this.labels = labels == null ? List.of() : List.copyOf(labels);
        this.chat = chat;
    }

    /** The prompt the model is given for {@code row}. */
    public String build(DataRow row) {
        String user = template.render(row, labels);
        if (chatTemplate == null) {
            return system == null ? user : system + "\n\n" + user;
        }
        return chatTemplate.render(messages(user), true, chat.args());
    }

    /**
     * The row as a fine-tuning example: {@link #build}'s prompt, and as response the assistant turn
     * with the row's label exactly as the chat template renders it after that prompt (end-of-turn
     * tokens included). Where the template renders the conversation so that it does not begin with
     * the inference prompt (templates that open a reasoning block only in the generation prompt), the
     * response is the bare label followed by end-of-text, so training still matches inference.
     */
    public TrainingPair trainingPair(DataRow row) {
        if (row.label() == null) {
            throw new BadInputException("row '" + row.id() + "': no label to train on");
        }
        String prompt = build(row);
        if (chatTemplate == null) {
            return new TrainingPair(row.id(), prompt, row.label());
        }
        List<ChatMessage> conversation = messages(template.render(row, labels));
        conversation.add(ChatMessage.assistant(row.label()));
        String whole = chatTemplate.render(conversation, false, chat.args());
        if (whole.startsWith(prompt) && whole.length() > prompt.length()) {
            return new TrainingPair(row.id(), prompt, whole.substring(prompt.length()), true);
        }
        return new TrainingPair(row.id(), prompt, row.label());
    }

    private List<ChatMessage> messages(String user) {
        List<ChatMessage> messages = new ArrayList<>(3);
        if (system != null && chat.systemInUserTurn()) {
            messages.add(ChatMessage.user(system + "\n\n" + user));
            return messages;
        }
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(user));
        return messages;
    }
}

package dev.kubetune.runner.prompt;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * @param template the user-message template
     * @param chatTemplate the model's chat template, or {@code null} to send the plain text
     * @param system the system message, or {@code null}/blank for none
     * @param labels the allowed labels (the template's {@code labels}), or empty
     */
    public PromptBuilder(PromptTemplate template, ChatTemplate chatTemplate, String system, List<String> labels) {
        this.template = template;
        this.chatTemplate = chatTemplate;
        this.system = system == null || system.isBlank() ? null : system;
        this.labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The prompt the model is given for {@code row}. */
    public String build(DataRow row) {
        String user = template.render(row, labels);
        if (chatTemplate == null) {
            return system == null ? user : system + "\n\n" + user;
        }
        return chatTemplate.render(messages(user), true);
    }

    /** The row as a fine-tuning example: {@link #build}'s prompt and the row's label as the response. */
    public TrainingPair trainingPair(DataRow row) {
        if (row.label() == null) {
            throw new BadInputException("row '" + row.id() + "': no label to train on");
        }
        return new TrainingPair(row.id(), build(row), row.label());
    }

    private List<ChatMessage> messages(String user) {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(user));
        return messages;
    }
}

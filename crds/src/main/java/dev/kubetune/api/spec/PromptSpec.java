package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How a row becomes a prompt, and how a completion becomes a label.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.extract) || self.extract != 'regex' || has(self.extractPattern)", message = "extract: regex needs extractPattern")
public class PromptSpec {

    @JsonPropertyDescription("Jinja template over the row's fields (e.g. \"Classify the note.\\n{{ text }}\"), or a built-in name: plain, classify.")
    @Default("classify")
    private String template = "classify";

    @JsonPropertyDescription("System message put before the user message when the chat template is used.")
    private String system;

    @JsonPropertyDescription("Render the prompt through the tokenizer's chat template (tokenizer_config.json) with a generation prompt.")
    @Default("true")
    private boolean chatTemplate = true;

    @JsonPropertyDescription("The allowed labels; predictions are extracted against them.")
    private List<String> labels;

    @JsonPropertyDescription("How a completion becomes a label: first-word, regex (first capture group of extractPattern) or closest (nearest allowed label).")
    @Default("first-word")
    private LabelExtraction extract = LabelExtraction.FIRST_WORD;

    @JsonPropertyDescription("Regular expression for extract: regex; its first capture group is the label.")
    private String extractPattern;

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public String getSystem() {
        return system;
    }

    public void setSystem(String system) {
        this.system = system;
    }

    public boolean isChatTemplate() {
        return chatTemplate;
    }

    public void setChatTemplate(boolean chatTemplate) {
        this.chatTemplate = chatTemplate;
    }

    public List<String> getLabels() {
        return labels;
    }

    public void setLabels(List<String> labels) {
        this.labels = labels;
    }

    public LabelExtraction getExtract() {
        return extract;
    }

    public void setExtract(LabelExtraction extract) {
        this.extract = extract;
    }

    public String getExtractPattern() {
        return extractPattern;
    }

    public void setExtractPattern(String extractPattern) {
        this.extractPattern = extractPattern;
    }
}

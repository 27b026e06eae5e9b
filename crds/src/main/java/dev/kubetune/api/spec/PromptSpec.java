package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

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

    @JsonPropertyDescription("Extra variables for the chat template, as transformers' apply_chat_template(**kwargs) passes them, e.g. "
            + "{enable_thinking: false} for Qwen3, {date_string: \"26 Jul 2024\"} to pin the date Llama 3.x templates print "
            + "(otherwise today's, so prompts, the prediction cache and results change from day to day).")
    private Map<String, JsonNode> chatTemplateArgs;

    @JsonPropertyDescription("Which named chat template to use when the tokenizer has several (tokenizer_config.json's list, "
            + "or additional_chat_templates/NAME.jinja), e.g. tool_use or rag; absent: the default one.")
    private String chatTemplateName;

    @JsonPropertyDescription("Put the system text at the start of the first user message (a blank line between) instead of "
            + "sending a system message, for chat templates that reject the system role (Gemma 2).")
    @Default("false")
    private boolean systemInUserTurn;

    @JsonPropertyDescription("The allowed labels; predictions are extracted against them.")
    private List<String> labels;

    @JsonPropertyDescription("How a completion becomes a label: first-word, regex (first capture group of extractPattern) or closest (nearest allowed label).")
    @Default("first-word")
    private LabelExtraction extract = LabelExtraction.FIRST_WORD;

    @JsonPropertyDescription("Regular expression for extract: regex; its first capture group is the label.")
    private String extractPattern;

    @JsonPropertyDescription("Most tokens a prompt may take (the whole prompt: system message, instruction, chat template "
            + "tokens and the row's text). Default: what the model's context (max_position_embeddings) leaves after the "
            + "generation budget (maxNewTokens); for training also at most training.maxSeqLength minus the answer and "
            + "its end token.")
    @Min(1)
    private Integer maxInputTokens;

    @JsonPropertyDescription("What to do with a prompt over maxInputTokens: cut the row's text (the template's text "
            + "variable, never the instruction, system message, chat template tokens or training answer) at its end, "
            + "its start or its middle, or stop with a bad-input error (error).")
    @Default("end")
    private Truncation truncation = Truncation.END;

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

    public Map<String, JsonNode> getChatTemplateArgs() {
        return chatTemplateArgs;
    }

    public void setChatTemplateArgs(Map<String, JsonNode> chatTemplateArgs) {
        this.chatTemplateArgs = chatTemplateArgs;
    }

    public String getChatTemplateName() {
        return chatTemplateName;
    }

    public void setChatTemplateName(String chatTemplateName) {
        this.chatTemplateName = chatTemplateName;
    }

    public boolean isSystemInUserTurn() {
        return systemInUserTurn;
    }

    public void setSystemInUserTurn(boolean systemInUserTurn) {
        this.systemInUserTurn = systemInUserTurn;
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

    public Integer getMaxInputTokens() {
        return maxInputTokens;
    }

    public void setMaxInputTokens(Integer maxInputTokens) {
        this.maxInputTokens = maxInputTokens;
    }

    public Truncation getTruncation() {
        return truncation;
    }

    public void setTruncation(Truncation truncation) {
        this.truncation = truncation;
    }
}

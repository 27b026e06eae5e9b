package dev.kubetune.runner.output;

import dev.kubetune.runner.generate.TokenLogprob;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One row of a predictions file. Absent ({@code null}) fields are left out of every format.
 *
 * @param id the data row's id
 * @param promptTokenIds the prompt's token ids
 * @param completion the generated text
 * @param completionTokenIds the generated token ids
 * @param prediction the label extracted from the completion (when labels are known)
 * @param label the gold label (when the data set has one)
 * @param topLogprobs per generation step, the most likely tokens (when asked for)
 * @param truncated whether the row's text was cut to fit the prompt's token limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "prompt_token_ids", "completion", "completion_token_ids", "prediction", "label", "top_logprobs",
        "truncated"})
public record Prediction(
        String id,
        @JsonProperty("prompt_token_ids") List<Integer> promptTokenIds,
        String completion,
        @JsonProperty("completion_token_ids") List<Integer> completionTokenIds,
        String prediction,
        String label,
        @JsonProperty("top_logprobs") List<List<TokenLogprob>> topLogprobs,
        boolean truncated) {

    /** The field names in file order. */
    public static final List<String> FIELDS = List.of("id", "prompt_token_ids", "completion", "completion_token_ids",
            "prediction", "label", "top_logprobs", "truncated");
}

package dev.kubetune.runner.output;

import dev.kubetune.runner.generate.TokenLogprob;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

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
 * @param probabilities each allowed label's probability (likelihood scoring: the softmax of the label log-likelihoods)
 * @param labelLogprobs each allowed label's summed token log-probability after the prompt (likelihood scoring)
 * @param fold the fold that predicted the row (out-of-fold predictions only)
 * @param truncated whether the row's text was cut to fit the prompt's token limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "prompt_token_ids", "completion", "completion_token_ids", "prediction", "label", "top_logprobs", "probabilities",
        "label_logprobs", "fold", "truncated"})
public record Prediction(
        String id,
        @JsonProperty("prompt_token_ids") List<Integer> promptTokenIds,
        String completion,
        @JsonProperty("completion_token_ids") List<Integer> completionTokenIds,
        String prediction,
        String label,
        @JsonProperty("top_logprobs") List<List<TokenLogprob>> topLogprobs,
        Map<String, Double> probabilities,
        @JsonProperty("label_logprobs") Map<String, Double> labelLogprobs,
        Integer fold,
        Boolean truncated) {

    /** A prediction without label probabilities, fold or truncation flag. */
    public Prediction(String id, List<Integer> promptTokenIds, String completion, List<Integer> completionTokenIds,
                      String prediction, String label, List<List<TokenLogprob>> topLogprobs) {
        this(id, promptTokenIds, completion, completionTokenIds, prediction, label, topLogprobs, null, null, null, null);
    }

    /** A generated prediction (no label probabilities, no fold). */
    public Prediction(String id, List<Integer> promptTokenIds, String completion, List<Integer> completionTokenIds,
                      String prediction, String label, List<List<TokenLogprob>> topLogprobs, boolean truncated) {
        this(id, promptTokenIds, completion, completionTokenIds, prediction, label, topLogprobs, null, null, null,
                truncated);
    }

    /** This prediction as predicted by fold {@code index} (an out-of-fold row). */
    public Prediction withFold(int index) {
        return new Prediction(id, promptTokenIds, completion, completionTokenIds, prediction, label, topLogprobs,
                probabilities, labelLogprobs, index, truncated);
    }

    /** The field names in file order. */
    public static final List<String> FIELDS = List.of("id", "prompt_token_ids", "completion", "completion_token_ids",
            "prediction", "label", "top_logprobs", "probabilities", "label_logprobs", "fold", "truncated");
}

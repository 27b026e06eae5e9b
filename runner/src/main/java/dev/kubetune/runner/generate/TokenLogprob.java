package dev.kubetune.runner.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One candidate token at one generation step, as generation reports it and predictions files hold it.
 *
 * @param tokenId the token's id
 * @param token the token's text
 * @param logprob its natural-log probability
 */
@JsonPropertyOrder({"token_id", "token", "logprob"})
public record TokenLogprob(@JsonProperty("token_id") long tokenId, String token, double logprob) {
}

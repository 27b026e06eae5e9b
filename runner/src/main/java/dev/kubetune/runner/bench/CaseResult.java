package dev.kubetune.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One measured run of a case, by the runner or the reference.
 *
 * @param prefillTokensPerSecond prompt tokens per second of the first forward pass (decode cases), else null
 * @param tokensPerSecond        generated tokens per second after the prompt (decode) or trained tokens per second
 * @param peakRssBytes           the process's peak resident set size, or null where unknown
 */
public record CaseResult(Double prefillTokensPerSecond, double tokensPerSecond, Long peakRssBytes) {

    /** From a JSON line in torch_reference.py's format, with the peak RSS in bytes given apart. */
    static CaseResult fromJson(JsonNode line, Long peakRssBytes) {
        JsonNode prefill = line.get("prefill_tokens_per_s");
        return new CaseResult(prefill == null ? null : prefill.asDouble(), line.get("tokens_per_s").asDouble(), peakRssBytes);
    }
}

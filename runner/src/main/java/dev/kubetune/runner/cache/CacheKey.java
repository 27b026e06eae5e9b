package dev.kubetune.runner.cache;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a completion depends on: the model's files, the adapter's files, the exact prompt and the
 * generation settings. Two keys with the same {@link #digest()} give the same completion.
 *
 * @param model {@link ContentDigest#ofFolder} of the model folder
 * @param adapter {@link ContentDigest#ofOptionalFolder} of the adapter folder ({@code none} without one)
 * @param prompt the final prompt string
 * @param settings the generation settings (a record or map: max new tokens, temperature, seed, stop…),
 *     as JSON with keys sorted, so field order does not matter
 */
public record CacheKey(String model, String adapter, String prompt, JsonNode settings) {

    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** A key whose settings are any object Jackson can serialize. */
    public static CacheKey of(String model, String adapter, String prompt, Object settings) {
        return new CacheKey(model, adapter, prompt, CANONICAL.valueToTree(settings));
    }

    /** The SHA-256 of the key's canonical JSON: the cache entry's name. */
    @JsonIgnore
    public String digest() {
        try {
            // valueToTree keeps insertion order, so sort again through a plain object
            Object sorted = CANONICAL.treeToValue(CANONICAL.valueToTree(this), Object.class);
            return ContentDigest.ofText(CANONICAL.writeValueAsString(sorted));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

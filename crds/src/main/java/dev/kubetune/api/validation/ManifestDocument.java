package dev.kubetune.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** One YAML document of a manifest: where it starts and its content. */
record ManifestDocument(String source, int line, JsonNode content) {

    String kind() {
        return content.path("kind").asText("");
    }

    String name() {
        return content.path("metadata").path("name").asText("");
    }

    String namespace() {
        return content.path("metadata").path("namespace").asText("");
    }

    /** Kind/name, as kubectl names a resource. */
    String resource() {
        String kind = kind().isEmpty() ? "?" : kind();
        return kind + "/" + (name().isEmpty() ? "?" : name());
    }
}

package dev.kubetune.api.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * charts/kubetune rendered by Helm's own template engine (helm-java: the Go Helm library behind JNA,
 * offline), parsed into one JSON tree per object.
 */
record RenderedChart(List<JsonNode> objects) {

    static final Path CHART = Path.of("..", "charts", "kubetune");
    static final String NAMESPACE = "kubetune-system";
    /** A current Kubernetes (Helm template would assume 1.20, the oldest the chart installs on). */
    static final String KUBE_VERSION = "v1.31.0";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Renders the chart as release "kubetune" in {@link #NAMESPACE} with these values (YAML, may be empty). */
    static RenderedChart render(String valuesYaml) {
        try {
            Path values = Files.createTempFile("kubetune-values", ".yaml");
            try {
                Files.writeString(values, valuesYaml);
                String out = new Helm(CHART).template()
                        .withName("kubetune")
                        .withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION)
                        .withValuesFile(values)
                        .skipCrds()
                        .call();
                return new RenderedChart(parse(out));
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && doc.has("kind")) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> one(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() > 1) {
            throw new AssertionError("more than one " + kind);
        }
        return all.stream().findFirst();
    }

    JsonNode deployment() {
        return one("Deployment").orElseThrow();
    }

    /** The operator container's environment variable, or null. */
    String env(String name) {
        for (JsonNode e : deployment().at("/spec/template/spec/containers/0/env")) {
            if (name.equals(e.path("name").asText())) {
                return e.has("value") ? e.get("value").asText() : null;
            }
        }
        return null;
    }
}

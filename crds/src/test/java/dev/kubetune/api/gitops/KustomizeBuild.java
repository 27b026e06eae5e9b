package dev.kubetune.api.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of {@code kustomize build} that config/suites uses, for tests: there is no kustomize
 * for the JVM on Maven Central, and the build must not download the Go binary. Supported:
 * {@code resources} (files and folders with a kustomization.yaml), {@code patches} (inline or
 * {@code path}; a YAML list is a JSON 6902 patch with add / remove / replace / test, a map a
 * strategic-merge patch, which for custom resources kustomize applies as a JSON merge patch:
 * maps merge, lists are replaced, null removes), patch {@code target} (group, version, kind,
 * name and namespace as anchored regular expressions, labelSelector as k=v[,k=v]),
 * {@code namespace}, {@code namePrefix}, {@code commonLabels} and {@code labels[].pairs} (on
 * metadata.labels only, as for custom resources). Anything else in a kustomization fails the build,
 * so the suites cannot silently use a feature this does not implement.
 */
public final class KustomizeBuild {

    static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "namespace",
            "namePrefix", "commonLabels", "labels");
    private static final YAMLMapper YAML = new YAMLMapper();

    private KustomizeBuild() {
    }

    /** Builds the kustomization in {@code dir}: its objects, in order, as kustomize would emit them. */
    public static List<ObjectNode> build(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(dir + " has no kustomization.yaml");
        }
        JsonNode k = YAML.readTree(file.toFile());
        k.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is not supported by this test's kustomize");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        if (k.hasNonNull("namespace")) {
            objects.forEach(o -> metadata(o).put("namespace", k.get("namespace").asText()));
        }
        if (k.hasNonNull("namePrefix")) {
            objects.forEach(o -> metadata(o).put("name", k.get("namePrefix").asText() + metadata(o).path("name").asText()));
        }
        k.path("commonLabels").fields().forEachRemaining(l -> objects.forEach(o -> labels(o).set(l.getKey(), l.getValue())));
        for (JsonNode entry : k.path("labels")) {
            entry.path("pairs").fields().forEachRemaining(l -> objects.forEach(o -> labels(o).set(l.getKey(), l.getValue())));
        }
        return objects;
    }

    public static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    out.add(object);
                }
            }
        }
        return out;
    }

    private static void applyPatch(Path dir, JsonNode entry, List<ObjectNode> objects) throws IOException {
        JsonNode patch = entry.has("path")
                ? YAML.readTree(dir.resolve(entry.get("path").asText()).toFile())
                : YAML.readTree(entry.path("patch").asText());
        JsonNode target = entry.path("target");
        if (target.isMissingNode()) {
            if (!patch.isObject()) {
                throw new IllegalArgumentException("a JSON 6902 patch needs a target: " + entry);
            }
            target = YAML.createObjectNode()
                    .put("kind", patch.path("kind").asText())
                    .put("name", Pattern.quote(patch.path("metadata").path("name").asText()));
        }
        int matched = 0;
        for (ObjectNode object : objects) {
            if (selects(target, object)) {
                matched++;
                if (patch.isArray()) {
                    for (JsonNode op : patch) {
                        JsonPatch.apply(object, op);
                    }
                } else {
                    ObjectNode body = patch.deepCopy();
                    body.remove(List.of("apiVersion", "kind", "metadata"));
                    mergePatch(object, body);
                }
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("patch selects no resource: " + entry);
        }
    }

    static boolean selects(JsonNode target, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return matches(target, "group", group)
                && matches(target, "version", version)
                && matches(target, "kind", object.path("kind").asText())
                && matches(target, "name", metadata(object).path("name").asText())
                && matches(target, "namespace", metadata(object).path("namespace").asText())
                && labelsMatch(target.path("labelSelector").asText(""), labels(object));
    }

    private static boolean matches(JsonNode target, String field, String value) {
        return !target.hasNonNull(field) || Pattern.matches(target.get(field).asText(), value);
    }

    private static boolean labelsMatch(String selector, ObjectNode labels) {
        if (selector.isBlank()) {
            return true;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("only k=v label selectors are supported: " + selector);
            }
            if (!kv[1].equals(labels.path(kv[0]).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 7386 JSON merge patch: what kustomize's strategic merge does for kinds it has no schema of. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    private static ObjectNode labels(ObjectNode object) {
        ObjectNode metadata = metadata(object);
        return metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    }

    /** RFC 6902 add / remove / replace / test on JSON pointers. */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode document, JsonNode op) {
            String path = op.path("path").asText();
            int slash = path.lastIndexOf('/');
            JsonNode parent = slash == 0 ? document : document.at(path.substring(0, slash));
            String key = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("no parent for " + path);
            }
            switch (op.path("op").asText()) {
                case "add" -> add(parent, key, op.get("value").deepCopy());
                case "replace" -> {
                    if (document.at(path).isMissingNode()) {
                        throw new IllegalArgumentException("replace: nothing at " + path);
                    }
                    if (parent instanceof ArrayNode array) {
                        array.set(Integer.parseInt(key), op.get("value").deepCopy());
                    } else {
                        ((ObjectNode) parent).set(key, op.get("value").deepCopy());
                    }
                }
                case "remove" -> {
                    if (document.at(path).isMissingNode()) {
                        throw new IllegalArgumentException("remove: nothing at " + path);
                    }
                    remove(parent, key);
                }
                case "test" -> {
                    if (!document.at(path).equals(op.get("value"))) {
                        throw new IllegalArgumentException("test failed at " + path);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch op " + op);
            }
        }

        private static void add(JsonNode parent, String key, JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(key, value);
            } else if (parent instanceof ArrayNode array) {
                if ("-".equals(key)) {
                    array.add(value);
                } else {
                    array.insert(Integer.parseInt(key), value);
                }
            }
        }

        private static void remove(JsonNode parent, String key) {
            if (parent instanceof ObjectNode object) {
                object.remove(key);
            } else if (parent instanceof ArrayNode array) {
                array.remove(Integer.parseInt(key));
            }
        }
    }
}

package dev.kubetune.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one validator of kubetune manifests, shared by the operator, {@code kubetune validate} and the
 * local executor. It parses multi-document YAML, checks each FoldTraining and InferenceRun against the
 * generated CRD schema and its CEL rules (applying the schema's defaults, as the API server does),
 * then the checks a schema cannot express ({@link SpecChecks}), and reports every problem with its
 * field path. Pure: it is handed text, it reads no files.
 */
public final class ManifestValidator {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The fields a resource may have at the top and in its metadata (the rest are kubectl's strict-validation errors). */
    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final java.util.Set<String> METADATA = java.util.Set.of("name", "namespace", "labels", "annotations",
            "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "finalizers", "ownerReferences", "managedFields", "selfLink");
    private static final ObjectMapper TYPED = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = Map.of(
            FoldTraining.KIND, FoldTraining.class,
            InferenceRun.KIND, InferenceRun.class);

    private ManifestValidator() {
    }

    /** Validates one manifest file's text; {@code source} names it in problems. */
    public static ValidationReport validate(String source, String yaml) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(source, yaml);
        return validate(one);
    }

    /** Validates several files together (a folder): references between them are checked too. */
    public static ValidationReport validate(Map<String, String> sources) {
        List<Problem> problems = new ArrayList<>();
        List<ManifestDocument> documents = new ArrayList<>();
        sources.forEach((source, yaml) -> documents.addAll(parse(source, yaml, problems)));
        if (documents.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(String.join(", ", sources.keySet()), 0, null, null,
                    "no FoldTraining or InferenceRun in the manifest"));
        }
        List<CustomResource<?, ?>> resources = new ArrayList<>();
        Map<CustomResource<?, ?>, ManifestDocument> origin = new HashMap<>();
        Map<String, ManifestDocument> seen = new HashMap<>();
        for (ManifestDocument doc : documents) {
            int before = problems.size();
            CustomResource<?, ?> resource = check(doc, problems);
            String key = doc.kind() + "/" + doc.namespace() + "/" + doc.name();
            ManifestDocument first = seen.putIfAbsent(key, doc);
            if (first != null) {
                problems.add(new Problem(doc.source(), doc.line(), doc.resource(), "metadata.name",
                        "defined twice (also at " + first.source() + ":" + first.line() + ")"));
            }
            if (resource != null && problems.size() == before) {
                resources.add(resource);
                origin.put(resource, doc);
            }
        }
        for (CustomResource<?, ?> resource : resources) {
            ManifestDocument doc = origin.get(resource);
            SpecChecks.check(resource, resources, (path, message) ->
                    problems.add(new Problem(doc.source(), doc.line(), doc.resource(), path, message)));
        }
        return new ValidationReport(problems, problems.isEmpty() ? resources : List.of());
    }

    private static CustomResource<?, ?> check(ManifestDocument doc, List<Problem> problems) {
        JsonNode content = doc.content();
        List<Problem> found = new ArrayList<>();
        if (!content.isObject()) {
            problems.add(new Problem(doc.source(), doc.line(), null, null, "a document must be a mapping, not " + content.getNodeType()));
            return null;
        }
        Class<? extends CustomResource<?, ?>> type = KINDS.get(doc.kind());
        if (type == null) {
            problems.add(new Problem(doc.source(), doc.line(), doc.resource(), "kind",
                    "must be FoldTraining or InferenceRun, not '" + doc.kind() + "'"));
            return null;
        }
        if (!Kubetune.API_VERSION.equals(content.path("apiVersion").asText())) {
            found.add(new Problem(doc.source(), doc.line(), doc.resource(), "apiVersion",
                    "must be " + Kubetune.API_VERSION + ", not '" + content.path("apiVersion").asText() + "'"));
        }
        unknownFields(content, TOP_LEVEL, "", doc, found);
        if (content.path("metadata").isObject()) {
            unknownFields(content.get("metadata"), METADATA, "metadata.", doc, found);
        }
        JsonNode spec = content.get("spec");
        if (spec == null || !spec.isObject()) {
            found.add(new Problem(doc.source(), doc.line(), doc.resource(), "spec", "required"));
        } else {
            CrdSchemas.specSchema(doc.kind()).check(spec, "spec",
                    (path, message) -> found.add(new Problem(doc.source(), doc.line(), doc.resource(), path, message)));
        }
        problems.addAll(found);
        if (!found.isEmpty()) {
            return null;
        }
        try {
            return TYPED.treeToValue(content, type);
        } catch (JsonProcessingException e) {
            problems.add(new Problem(doc.source(), doc.line(), doc.resource(), null, e.getOriginalMessage()));
            return null;
        }
    }

    private static void unknownFields(JsonNode object, java.util.Set<String> known, String prefix, ManifestDocument doc,
                                      List<Problem> found) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                found.add(new Problem(doc.source(), doc.line(), doc.resource(), prefix + field, "unknown field"));
            }
        });
    }

    private static List<ManifestDocument> parse(String source, String yaml, List<Problem> problems) {
        List<ManifestDocument> docs = new ArrayList<>();
        try (YAMLParser parser = YAML.getFactory().createParser(yaml)) {
            MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(new ManifestDocument(source, line, node));
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message = e.getOriginalMessage();
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
                message = marked.getProblem();
            }
            problems.add(new Problem(source, line, null, null, "not valid YAML: " + message.lines().findFirst().orElse("")));
        } catch (IOException e) {
            problems.add(new Problem(source, 0, null, null, "cannot read: " + e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(new Problem(source, 0, null, null, "not valid YAML: " + e.getMessage()));
        }
        return docs;
    }
}

package dev.kubetune.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.validation.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes docs/crd-reference.md from the CRDs generated from the classes: per kind, its names,
 * printer columns and one table of every field with type, default, validation (schema keywords and
 * CEL rules) and description. Kubernetes' own types (volumes, tolerations, affinity, env) are one
 * row each, linked to the Kubernetes reference. CrdReferenceTest fails when the checked-in file is stale.
 */
final class CrdReference {

    /** Fields whose schema is a Kubernetes core type: not expanded. */
    static final Map<String, String> KUBERNETES_TYPES = Map.of(
            "spec.volumes", "[[]Volume](https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/)",
            "spec.scheduling.tolerations", "[[]Toleration](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling)",
            "spec.scheduling.affinity", "[Affinity](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling)",
            "spec.runner.env", "[[]EnvVar](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables)");

    private CrdReference() {
    }

    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# CRD reference\n\n")
                .append("<!-- Generated from the CRDs in charts/kubetune/crds by CrdReference (crds test sources); do not edit.\n")
                .append("     Regenerate: ./mvnw -pl crds test -Dtest=CrdReferenceTest -Dkubetune.update-docs=true -->\n\n")
                .append("Group `kubetune.dev`, version `v1alpha1`. Both kinds are namespaced and have a `status` subresource.\n")
                .append("Defaults are applied by the API server (and by `kubetune validate` / `kubetune run`). ")
                .append("Validation lists the schema's constraints and its CEL rules (`x-kubernetes-validations`).\n\n")
                .append("- [FoldTraining](#foldtraining)\n- [InferenceRun](#inferencerun)\n\n");
        for (String kind : List.of(FoldTraining.KIND, InferenceRun.KIND)) {
            kind(CrdSchemas.crd(kind), kind, out);
        }
        return out.toString();
    }

    private static void kind(JsonNode crd, String kind, StringBuilder out) {
        JsonNode names = crd.path("spec").path("names");
        JsonNode version = crd.path("spec").path("versions").get(0);
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        out.append("## ").append(kind).append("\n\n");
        out.append("`kubectl get ").append(names.path("plural").asText()).append("`");
        names.path("shortNames").forEach(s -> out.append(" · `kubectl get ").append(s.asText()).append("`"));
        out.append(" · category `").append(names.path("categories").path(0).asText()).append("`\n\n");
        out.append("Printer columns:\n\n| column | JSON path | type |\n| --- | --- | --- |\n");
        for (JsonNode c : version.path("additionalPrinterColumns")) {
            out.append("| ").append(c.path("name").asText()).append(" | `").append(c.path("jsonPath").asText())
                    .append("` | ").append(c.path("type").asText()).append(" |\n");
        }
        for (String part : List.of("spec", "status")) {
            out.append("\n### ").append(kind).append(" ").append(part).append("\n\n");
            out.append("| field | type | default | validation | description |\n| --- | --- | --- | --- | --- |\n");
            List<String> rows = new ArrayList<>();
            JsonNode node = schema.path("properties").path(part);
            rules(node, rows, part);
            fields(node, part, rows);
            rows.forEach(out::append);
        }
        out.append("\n");
    }

    private static void fields(JsonNode object, String path, List<String> rows) {
        List<String> required = new ArrayList<>();
        object.path("required").forEach(r -> required.add(r.asText()));
        object.path("properties").fields().forEachRemaining(field -> {
            String fieldPath = path + "." + field.getKey();
            JsonNode schema = field.getValue();
            boolean array = "array".equals(schema.path("type").asText());
            JsonNode element = array ? schema.path("items") : schema;
            String k8s = KUBERNETES_TYPES.get(fieldPath);
            String shown = array && element.has("properties") && k8s == null ? fieldPath + "[]" : fieldPath;
            rows.add(row(shown, k8s != null ? k8s : type(schema), schema, required.contains(field.getKey())));
            if (k8s == null) {
                rules(element, rows, shown);
                fields(element, shown, rows);
            }
        });
    }

    private static void rules(JsonNode schema, List<String> rows, String path) {
        // rules of an object that owns them: one row, after the object's own row
        if (schema.has("x-kubernetes-validations") && schema.has("properties")) {
            List<String> rules = new ArrayList<>();
            schema.get("x-kubernetes-validations").forEach(r -> rules.add(rule(r)));
            rows.add("| `" + path + "` (rules) | | | " + String.join("<br>", rules) + " | cross-field rules of `" + path + "` |\n");
        }
    }

    private static String row(String path, String type, JsonNode schema, boolean required) {
        List<String> validation = new ArrayList<>();
        if (required) {
            validation.add("required");
        }
        JsonNode enumOwner = schema.has("enum") ? schema : schema.path("items");
        if (enumOwner.has("enum")) {
            List<String> values = new ArrayList<>();
            enumOwner.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            validation.add((enumOwner == schema ? "one of " : "each one of ") + String.join(", ", values));
        }
        bound(schema, "minimum", "≥", validation);
        bound(schema, "maximum", "≤", validation);
        bound(schema, "minLength", "length ≥", validation);
        bound(schema, "maxLength", "length ≤", validation);
        bound(schema, "minItems", "items ≥", validation);
        bound(schema, "maxItems", "items ≤", validation);
        if (schema.has("pattern")) {
            validation.add("pattern `" + schema.get("pattern").asText().replace("|", "\\|") + "`");
        }
        if (!schema.has("properties")) {
            schema.path("x-kubernetes-validations").forEach(r -> validation.add(rule(r)));
        }
        String def = schema.has("default") ? "`" + schema.get("default").toString().replace("\"", "") + "`" : "";
        return "| `" + path + "` | " + type + " | " + def + " | " + String.join("<br>", validation) + " | "
                + cell(schema.path("description").asText("")) + " |\n";
    }

    private static void bound(JsonNode schema, String keyword, String symbol, List<String> out) {
        if (schema.has(keyword)) {
            JsonNode value = schema.get(keyword);
            out.add(symbol + " " + (value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText()));
        }
    }

    private static String rule(JsonNode rule) {
        String text = "`" + rule.path("rule").asText().replace("|", "\\|") + "`";
        return rule.has("message") ? text + " (" + cell(rule.get("message").asText()) + ")" : text;
    }

    static String type(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return "int or string";
        }
        String type = schema.path("type").asText("any");
        return switch (type) {
            case "array" -> "[]" + type(schema.path("items"));
            case "object" -> schema.has("additionalProperties")
                    ? "map[string]" + type(schema.get("additionalProperties"))
                    : schema.path("x-kubernetes-preserve-unknown-fields").asBoolean() ? "object (any)" : "object";
            default -> schema.has("format") ? type + " (" + schema.get("format").asText() + ")" : type;
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").trim();
    }
}

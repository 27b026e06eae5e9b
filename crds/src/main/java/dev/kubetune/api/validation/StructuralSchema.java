package dev.kubetune.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Checks a value against a CRD's structural OpenAPI v3 schema as the API server does: defaults
 * first, then types, required fields, enums, bounds, patterns, unknown fields (kubectl's strict
 * field validation), int-or-string, and the {@code x-kubernetes-validations} CEL rules.
 * Kubernetes' structural schemas are a subset of OpenAPI with extensions of their own, so this is
 * a walk over that subset rather than a general JSON Schema validator.
 */
final class StructuralSchema {

    private final JsonNode root;

    StructuralSchema(JsonNode openApiV3Schema) {
        this.root = openApiV3Schema;
    }

    /** Applies defaults to {@code value} in place and reports each problem as (path, message). */
    void check(JsonNode value, String path, BiConsumer<String, String> problems) {
        walk(value, root, path, problems);
    }

    private void walk(JsonNode value, JsonNode schema, String path, BiConsumer<String, String> problems) {
        if (value == null || value.isNull() || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                && !schema.has("properties")) {
            return;
        }
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            problems.accept(path, "must be a finite number, not " + value.asText());
            return;
        }
        if (!typeMatches(value, schema)) {
            problems.accept(path, "must be " + expectedType(schema) + ", not " + describe(value));
            return;
        }
        checkScalar(value, schema, path, problems);
        if (value.isArray()) {
            checkArray(value, schema, path, problems);
        } else if (value.isObject()) {
            checkObject((ObjectNode) value, schema, path, problems);
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            checkRule(value, schema, path, rule, problems);
        }
    }

    private void checkScalar(JsonNode value, JsonNode schema, String path, BiConsumer<String, String> problems) {
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && !contains(enumValues, value)) {
            List<String> allowed = new ArrayList<>();
            enumValues.forEach(e -> allowed.add(e.asText()));
            problems.accept(path, "must be one of " + String.join(", ", allowed) + ", not " + describe(value));
        }
        if (value.isNumber()) {
            BigDecimal v = value.decimalValue();
            if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.accept(path, "must be ≥ " + plain(schema.get("minimum")));
            }
            if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.accept(path, "must be ≤ " + plain(schema.get("maximum")));
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                problems.accept(path, "'" + s + "' must match " + schema.get("pattern").asText());
            }
            if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
                problems.accept(path, "must have at least " + schema.get("minLength").asInt() + " characters");
            }
            if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
                problems.accept(path, "must have at most " + schema.get("maxLength").asInt() + " characters");
            }
        }
    }

    private void checkArray(JsonNode value, JsonNode schema, String path, BiConsumer<String, String> problems) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.accept(path, "must have at least " + schema.get("minItems").asInt() + " item(s)");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.accept(path, "must have at most " + schema.get("maxItems").asInt() + " item(s)");
        }
        JsonNode items = schema.path("items");
        for (int i = 0; i < value.size(); i++) {
            walk(value.get(i), items, path + "[" + i + "]", problems);
        }
    }

    private void checkObject(ObjectNode value, JsonNode schema, String path, BiConsumer<String, String> problems) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            properties.fields().forEachRemaining(p -> {
                if (!value.has(p.getKey()) && p.getValue().has("default")) {
                    value.set(p.getKey(), p.getValue().get("default").deepCopy());
                }
            });
            for (JsonNode required : schema.path("required")) {
                JsonNode v = value.get(required.asText());
                if (v == null || v.isNull()) {
                    problems.accept(join(path, required.asText()), "required");
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode sub = properties == null ? null : properties.get(field.getKey());
            if (sub == null && additional != null && additional.isObject()) {
                sub = additional;
            }
            if (sub == null) {
                if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                    problems.accept(join(path, field.getKey()), "unknown field");
                }
                continue;
            }
            walk(field.getValue(), sub, join(path, field.getKey()), problems);
        }
    }

    private void checkRule(JsonNode value, JsonNode schema, String path, JsonNode rule,
                           BiConsumer<String, String> problems) {
        String expression = rule.path("rule").asText();
        String where = path + rule.path("fieldPath").asText("");
        try {
            if (!CelRules.holds(expression, toCel(value, schema))) {
                problems.accept(where, rule.path("message").asText("must satisfy " + expression));
            }
        } catch (IllegalArgumentException e) {
            problems.accept(where, e.getMessage());
        }
    }

    /** Kubernetes' CEL value mapping, guided by the schema's types. */
    static Object toCel(JsonNode value, JsonNode schema) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    JsonNode sub = properties.has(f.getKey()) ? properties.get(f.getKey()) : additional;
                    map.put(f.getKey(), toCel(f.getValue(), sub));
                }
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(toCel(v, schema.path("items"))));
            return list;
        }
        if (value.isNumber()) {
            boolean integer = "integer".equals(schema.path("type").asText()) || value.isIntegralNumber()
                    && !"number".equals(schema.path("type").asText());
            return integer ? (Object) value.asLong() : (Object) value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static boolean typeMatches(JsonNode value, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return value.isIntegralNumber() || value.isTextual();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String expectedType(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return "an integer or a string";
        }
        String type = schema.path("type").asText();
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static boolean contains(JsonNode enumValues, JsonNode value) {
        for (JsonNode e : enumValues) {
            if (e.equals(value) || e.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String plain(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }
}

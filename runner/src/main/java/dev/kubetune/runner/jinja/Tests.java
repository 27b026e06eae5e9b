package dev.kubetune.runner.jinja;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jinja2's built-in tests ({@code x is defined}, {@code x is string}, …). */
final class Tests {

    static final Set<String> NAMES = Set.of("boolean", "callable", "defined", "divisibleby", "eq", "equalto", "==",
            "escaped", "even", "false", "filter", "float", "ge", ">=", "gt", ">", "greaterthan", "in", "integer",
            "iterable", "le", "<=", "lower", "lt", "<", "lessthan", "mapping", "ne", "!=", "none", "number", "odd",
            "sameas", "sequence", "string", "test", "true", "undefined", "upper");

    private Tests() {
    }

    static boolean apply(String name, Object v, List<Object> args) {
        Object arg = args.isEmpty() ? null : args.get(0);
        return switch (name) {
            case "boolean" -> v instanceof Boolean;
            case "callable" -> v instanceof JinjaCallable;
            case "defined" -> !(v instanceof Undefined);
            case "undefined" -> v instanceof Undefined;
            case "divisibleby" -> Py.asLong(v) % Py.asLong(arg) == 0;
            case "eq", "equalto", "==" -> Py.eq(v, arg);
            case "ne", "!=" -> !Py.eq(v, arg);
            case "ge", ">=" -> Py.compare(v, arg, ">=") >= 0;
            case "gt", ">", "greaterthan" -> Py.compare(v, arg, ">") > 0;
            case "le", "<=" -> Py.compare(v, arg, "<=") <= 0;
            case "lt", "<", "lessthan" -> Py.compare(v, arg, "<") < 0;
            case "escaped" -> false;
            case "even" -> Py.asLong(v) % 2 == 0;
            case "odd" -> Py.asLong(v) % 2 != 0;
            case "false" -> Boolean.FALSE.equals(v);
            case "true" -> Boolean.TRUE.equals(v);
            case "none" -> v == null;
            case "filter" -> Filters.NAMES.contains(Py.str(v));
            case "test" -> NAMES.contains(Py.str(v));
            case "float" -> v instanceof Double;
            case "integer" -> v instanceof Long;
            case "number" -> Py.isNumber(v);
            case "string" -> v instanceof String;
            case "mapping" -> v instanceof Map<?, ?>;
            case "iterable" -> v instanceof String || v instanceof List<?> || v instanceof Map<?, ?> || v instanceof Undefined;
            case "sequence" -> v instanceof String || v instanceof List<?> || v instanceof Map<?, ?>;
            case "in" -> Operators.contains(arg, v);
            case "lower" -> v instanceof String s && s.equals(s.toLowerCase(java.util.Locale.ROOT));
            case "upper" -> v instanceof String s && s.equals(s.toUpperCase(java.util.Locale.ROOT));
            case "sameas" -> v == arg || (v instanceof Boolean && v.equals(arg));
            default -> throw new JinjaError("No test named '" + name + "'.");
        };
    }
}

package dev.kubetune.runner.jinja;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Jinja2's built-in filters, with {@code tojson} as transformers overrides it (no HTML escaping, ensure_ascii off). */
final class Filters {

    static final Set<String> NAMES = Set.of("abs", "attr", "batch", "capitalize", "center", "count", "d", "default",
            "dictsort", "e", "escape", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items",
            "join", "last", "length", "list", "lower", "map", "max", "min", "pprint", "reject", "rejectattr", "replace",
            "reverse", "round", "safe", "select", "selectattr", "sort", "string", "sum", "title", "tojson", "trim",
            "truncate", "unique", "upper", "wordcount");

    private static final Pattern WORD_START = Pattern.compile("(?<=[-\\s(\\{\\[<])|^");
    private static final Pattern WORDS = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private Filters() {
    }

    static Object apply(String name, Object v, Args a) {
        return switch (name) {
            case "abs" -> Py.isInt(v) ? (Object) Math.abs(Py.asLong(v)) : Math.abs(Py.asDouble(v));
            case "attr" -> Members.getattr(v, Py.str(a.get(0, "name", "")));
            case "batch" -> batch(v, (int) Py.asLong(a.get(0, "linecount", 1L)), a.get(1, "fill_with", null), a.size() > 1);
            case "capitalize" -> StringMethods.bind(Py.str(v), "capitalize").call(List.of(), Map.of());
            case "center" -> StringMethods.pad(Py.str(v), "center", (int) Py.asLong(a.get(0, "width", 80L)), " ");
            case "count", "length" -> (long) Py.len(v);
            case "d", "default" -> v instanceof Undefined || (a.flag(1, "boolean", false) && !Py.truthy(v))
                    ? a.get(0, "default_value", "") : v;
            case "dictsort" -> dictsort(v, a);
            case "e", "escape", "forceescape" -> escape(Py.str(v));
            case "first" -> first(v);
            case "last" -> {
                List<Object> items = Py.iterate(v);
                yield items.isEmpty() ? Undefined.withMessage("No last item, sequence was empty.") : items.get(items.size() - 1);
            }
            case "float" -> toFloat(v, a.get(0, "default", 0.0));
            case "format" -> PyFormat.percent(Py.str(v), a.keywords().isEmpty() ? new PyTuple(a.positional())
                    : new LinkedHashMap<Object, Object>(a.keywords()));
            case "groupby" -> groupby(v, Py.str(a.get(0, "attribute", null)));
            case "indent" -> indent(Py.str(v), a.get(0, "width", 4L), a.flag(1, "first", false), a.flag(2, "blank", false));
            case "int" -> toInt(v, a.get(0, "default", 0L));
            case "items" -> v instanceof Undefined ? List.of() : Members.items((Map<?, ?>) v);
            case "join" -> join(v, Py.str(a.get(0, "d", "")), a.get(1, "attribute", null));
            case "list" -> Py.iterate(v);
            case "lower" -> Py.str(v).toLowerCase(Locale.ROOT);
            case "upper" -> Py.str(v).toUpperCase(Locale.ROOT);
            case "map" -> map(v, a);
            case "max", "min" -> extreme(v, a, name.equals("max"));
            case "pprint" -> Py.repr(v);
            case "select", "reject" -> selectOrReject(v, a, name.equals("select"), false);
            case "selectattr", "rejectattr" -> selectOrReject(v, a, name.equals("selectattr"), true);
            case "replace" -> StringMethods.bind(Py.str(v), "replace").call(a.get(2, "count", null) == null
                    ? List.of(a.get(0, "old", ""), a.get(1, "new", "")) : List.of(a.get(0, "old", ""), a.get(1, "new", ""),
                    a.get(2, "count", null)), Map.of());
            case "reverse" -> reverse(v);
            case "round" -> round(v, (int) Py.asLong(a.get(0, "precision", 0L)), Py.str(a.get(1, "method", "common")));
            case "safe" -> v;
            case "sort" -> sort(v, a.flag(0, "reverse", false), a.flag(1, "case_sensitive", false), a.get(2, "attribute", null));
            case "string" -> Py.str(v);
            case "sum" -> sum(v, a.get(0, "attribute", null), a.get(1, "start", 0L));
            case "title" -> title(Py.str(v));
            case "tojson" -> PyJson.dumps(v, a.get(1, "indent", null), a.get(2, "separators", null),
                    a.flag(3, "sort_keys", false), a.flag(0, "ensure_ascii", false));
            case "trim" -> Py.strip(Py.str(v), a.get(0, "chars", null) == null ? null : Py.str(a.get(0, "chars", null)), true, true);
            case "truncate" -> truncate(Py.str(v), a);
            case "unique" -> unique(v, a.flag(0, "case_sensitive", false), a.get(1, "attribute", null));
            case "wordcount" -> WORDS.matcher(Py.str(v)).results().count();
            default -> throw new JinjaError("No filter named '" + name + "'.");
        };
    }

    /**
     * Jinja2's attribute getter for {@code map(attribute=...)}, {@code sort(attribute=...)} and the like:
     * {@code "a.b"} looks up {@code a} then {@code b}, digits index a sequence.
     */
    static Object attribute(Object item, Object attribute) {
        if (Py.isInt(attribute)) {
            return Members.getitem(item, attribute);
        }
        Object v = item;
        for (String part : Py.str(attribute).split("\\.")) {
            v = Members.getitem(v, part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? (Object) Long.parseLong(part) : part);
        }
        return v;
    }

    private static Object first(Object v) {
        List<Object> items = Py.iterate(v);
        return items.isEmpty() ? Undefined.withMessage("No first item, sequence was empty.") : items.get(0);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }

    private static Object toFloat(Object v, Object fallback) {
        if (Py.isNumber(v)) {
            return Py.asDouble(v);
        }
        try {
            return Double.parseDouble(Py.str(v).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Object toInt(Object v, Object fallback) {
        if (Py.isNumber(v)) {
            return (long) Py.asDouble(v);
        }
        String s = Py.str(v).strip().replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(s);
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    private static String indent(String s, Object width, boolean first, boolean blank) {
        String pad = width instanceof String w ? w : " ".repeat((int) Py.asLong(width));
        List<Object> lines = StringMethods.bind(s + "\n", "splitlines").call(List.of(), Map.of()) instanceof List<?> l
                ? new ArrayList<>(l) : List.of();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) {
                out.append('\n').append(blank || !line.isEmpty() ? pad : "");
            }
            out.append(line);
        }
        return first ? pad + out : out.toString();
    }

    private static String join(Object v, String separator, Object attribute) {
        StringBuilder out = new StringBuilder();
        List<Object> items = Py.iterate(v);
        for (int i = 0; i < items.size(); i++) {
            Object item = attribute == null ? items.get(i) : attribute(items.get(i), attribute);
            out.append(i == 0 ? "" : separator).append(Py.str(item));
        }
        return out.toString();
    }

    private static List<Object> map(Object v, Args a) {
        List<Object> out = new ArrayList<>();
        Object attribute = a.keywords().get("attribute");
        for (Object item : Py.iterate(v)) {
            if (attribute != null) {
                Object found = attribute(item, attribute);
                out.add(found instanceof Undefined && a.keywords().containsKey("default") ? a.keywords().get("default") : found);
            } else {
                String filter = Py.str(a.positional().get(0));
                out.add(apply(filter, item, new Args(a.positional().subList(1, a.size()), Map.of())));
            }
        }
        return out;
    }

    private static List<Object> selectOrReject(Object v, Args a, boolean keep, boolean byAttribute) {
        List<Object> out = new ArrayList<>();
        int testAt = byAttribute ? 1 : 0;
        for (Object item : Py.iterate(v)) {
            Object subject = byAttribute ? attribute(item, a.positional().get(0)) : item;
            boolean passed = a.size() > testAt
                    ? Tests.apply(Py.str(a.positional().get(testAt)), subject, a.positional().subList(testAt + 1, a.size()))
                    : Py.truthy(subject);
            if (passed == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object reverse(Object v) {
        if (v instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> items = Py.iterate(v);
        java.util.Collections.reverse(items);
        return items;
    }

    private static double round(Object v, int precision, String method) {
        BigDecimal value = new BigDecimal(Py.asDouble(v));
        RoundingMode mode = switch (method) {
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> RoundingMode.HALF_EVEN;
        };
        return value.setScale(precision, mode).doubleValue();
    }

    private static Comparator<Object> order(boolean caseSensitive, Object attribute) {
        return (x, y) -> Py.compare(key(x, caseSensitive, attribute), key(y, caseSensitive, attribute), "<");
    }

    private static Object key(Object item, boolean caseSensitive, Object attribute) {
        Object k = attribute == null ? item : attribute(item, attribute);
        return !caseSensitive && k instanceof String s ? s.toLowerCase(Locale.ROOT) : k;
    }

    private static List<Object> sort(Object v, boolean reverse, boolean caseSensitive, Object attribute) {
        List<Object> items = Py.iterate(v);
        Comparator<Object> order = order(caseSensitive, attribute);
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static Object dictsort(Object v, Args a) {
        boolean byValue = "value".equals(a.get(1, "by", "key"));
        List<Object> pairs = Members.items((Map<?, ?>) v);
        Comparator<Object> order = (x, y) -> Py.compare(key(((List<?>) x).get(byValue ? 1 : 0), a.flag(0, "case_sensitive", false), null),
                key(((List<?>) y).get(byValue ? 1 : 0), a.flag(0, "case_sensitive", false), null), "<");
        pairs.sort(a.flag(2, "reverse", false) ? order.reversed() : order);
        return pairs;
    }

    private static Object extreme(Object v, Args a, boolean max) {
        List<Object> items = Py.iterate(v);
        if (items.isEmpty()) {
            return Undefined.withMessage("No aggregated item, sequence was empty.");
        }
        Comparator<Object> order = order(a.flag(0, "case_sensitive", false), a.get(1, "attribute", null));
        return max ? items.stream().max(order).orElseThrow() : items.stream().min(order).orElseThrow();
    }

    private static Object sum(Object v, Object attribute, Object start) {
        Object total = start;
        for (Object item : Py.iterate(v)) {
            total = Operators.binary("+", total, attribute == null ? item : attribute(item, attribute));
        }
        return total;
    }

    private static List<Object> unique(Object v, boolean caseSensitive, Object attribute) {
        List<Object> out = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        for (Object item : Py.iterate(v)) {
            Object k = key(item, caseSensitive, attribute);
            if (seen.stream().noneMatch(s -> Py.eq(s, k))) {
                seen.add(k);
                out.add(item);
            }
        }
        return out;
    }

    private static List<Object> batch(Object v, int size, Object fill, boolean filled) {
        List<Object> out = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        for (Object item : Py.iterate(v)) {
            current.add(item);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            while (filled && current.size() < size) {
                current.add(fill);
            }
            out.add(current);
        }
        return out;
    }

    private static List<Object> groupby(Object v, String attribute) {
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        for (Object item : sort(v, false, true, attribute)) {
            groups.computeIfAbsent(attribute(item, attribute), k -> new ArrayList<>()).add(item);
        }
        List<Object> out = new ArrayList<>();
        groups.forEach((k, items) -> out.add(new PyTuple(List.of(k, items))));
        return out;
    }

    /** Jinja2's {@code title} filter: each word (after a space, dash or bracket) capitalized. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        for (String word : WORD_START.split(s)) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static String truncate(String s, Args a) {
        int length = (int) Py.asLong(a.get(0, "length", 255L));
        boolean killwords = a.flag(1, "killwords", false);
        String end = Py.str(a.get(2, "end", "..."));
        long leeway = Py.asLong(a.get(3, "leeway", 5L));
        if (s.length() <= length + leeway) {
            return s;
        }
        if (killwords) {
            return s.substring(0, length - end.length()) + end;
        }
        String cut = s.substring(0, length - end.length());
        int space = cut.lastIndexOf(' ');
        return (space >= 0 ? cut.substring(0, space) : cut) + end;
    }
}

package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False, indent=..., separators=..., sort_keys=...)}, the
 * {@code tojson} filter transformers installs for chat templates (Jinja2's own escapes HTML characters).
 */
final class PyJson {

    private PyJson() {
    }

    static String dumps(Object value, Object indent, Object separators, boolean sortKeys, boolean ensureAscii) {
        String pad = indent == null ? null : indent instanceof String s ? s : " ".repeat((int) Math.max(0, Py.asLong(indent)));
        String itemSep = pad == null ? ", " : ",";
        String keySep = ": ";
        if (separators instanceof List<?> seps && seps.size() == 2) {
            itemSep = Py.str(seps.get(0));
            keySep = Py.str(seps.get(1));
        }
        StringBuilder out = new StringBuilder();
        write(out, value, pad, itemSep, keySep, sortKeys, ensureAscii, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v, String pad, String itemSep, String keySep, boolean sort,
                              boolean ascii, int level) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Long l) {
            out.append(l);
        } else if (v instanceof Double d) {
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.floatRepr(d));
        } else if (v instanceof String s) {
            string(out, s, ascii);
        } else if (v instanceof List<?> list) {
            container(out, '[', ']', list.size(), pad, itemSep, level, i ->
                    write(out, list.get(i), pad, itemSep, keySep, sort, ascii, level + 1));
        } else if (v instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sort) {
                entries.sort((a, b) -> Py.compare(a.getKey(), b.getKey(), "<"));
            }
            container(out, '{', '}', entries.size(), pad, itemSep, level, i -> {
                Object key = entries.get(i).getKey();
                string(out, key instanceof String s ? s : key == null ? "null" : key instanceof Boolean b
                        ? (b ? "true" : "false") : Py.str(key), ascii);
                out.append(keySep);
                write(out, entries.get(i).getValue(), pad, itemSep, keySep, sort, ascii, level + 1);
            });
        } else if (v instanceof Namespace ns) {
            throw new JinjaError("Object of type Namespace is not JSON serializable");
        } else {
            throw new JinjaError("Object of type " + Py.typeName(v) + " is not JSON serializable");
        }
    }

    private static void container(StringBuilder out, char open, char close, int size, String pad, String itemSep,
                                  int level, java.util.function.IntConsumer item) {
        out.append(open);
        if (size == 0) {
            out.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(itemSep);
            }
            if (pad != null) {
                out.append('\n').append(pad.repeat(level + 1));
            }
            item.accept(i);
        }
        if (pad != null) {
            out.append('\n').append(pad.repeat(level));
        }
        out.append(close);
    }

    private static void string(StringBuilder out, String s, boolean ascii) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

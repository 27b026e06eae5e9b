package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code value.name} and {@code value[key]} as Jinja2's sandboxed environment resolves them: an
 * attribute first (a str, list or dict method), then an item, else undefined; slices with steps;
 * methods that would change a value are refused as the immutable sandbox refuses them.
 */
final class Members {

    private static final Set<String> LIST_MUTATORS = Set.of("append", "extend", "insert", "pop", "remove", "reverse",
            "sort", "clear");
    private static final Set<String> DICT_MUTATORS = Set.of("clear", "pop", "popitem", "setdefault", "update");

    private Members() {
    }

    static Object getattr(Object obj, String name) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (obj instanceof Namespace ns) {
            return ns.attributes.containsKey(name) ? ns.attributes.get(name) : Undefined.member(obj, name);
        }
        if (obj instanceof LoopInfo loop) {
            return loop.attribute(name);
        }
        Object method = method(obj, name);
        return method != null ? method : item(obj, name, false);
    }

    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (key instanceof Slice s) {
            return slice(obj, s);
        }
        Object found = item(obj, key, true);
        if (found instanceof Undefined && key instanceof String name) {
            Object method = obj instanceof Namespace || obj instanceof LoopInfo ? getattr(obj, name) : method(obj, name);
            return method != null ? method : found;
        }
        return found;
    }

    private static Object item(Object obj, Object key, boolean subscript) {
        if (obj instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (Py.eq(e.getKey(), key)) {
                    return e.getValue();
                }
            }
        } else if (Py.isInt(key) && (obj instanceof List<?> || obj instanceof String)) {
            int n = Py.len(obj);
            long i = Py.asLong(key);
            i = i < 0 ? i + n : i;
            if (i >= 0 && i < n) {
                return obj instanceof List<?> l ? l.get((int) i) : codePointAt((String) obj, (int) i);
            }
        }
        return Undefined.member(obj, key);
    }

    private static String codePointAt(String s, int index) {
        int at = s.offsetByCodePoints(0, index);
        return new String(Character.toChars(s.codePointAt(at)));
    }

    /** {@code [start:stop:step]}; a missing part is {@code null}. */
    record Slice(Object start, Object stop, Object step) {
    }

    private static Object slice(Object obj, Slice s) {
        List<Object> items;
        if (obj instanceof String || obj instanceof List<?>) {
            items = Py.iterate(obj);
        } else {
            throw new JinjaError("'" + Py.typeName(obj) + "' object is not subscriptable");
        }
        int n = items.size();
        long step = s.step() == null ? 1 : Py.asLong(s.step());
        if (step == 0) {
            throw new JinjaError("slice step cannot be zero");
        }
        long start = bound(s.start(), n, step, true);
        long stop = bound(s.stop(), n, step, false);
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(items.get((int) i));
        }
        if (obj instanceof String) {
            StringBuilder text = new StringBuilder();
            out.forEach(text::append);
            return text.toString();
        }
        return obj instanceof PyTuple ? new PyTuple(out) : out;
    }

    /** Python's slice index normalisation. */
    private static long bound(Object value, int n, long step, boolean isStart) {
        if (value == null) {
            return step > 0 ? (isStart ? 0 : n) : (isStart ? n - 1 : -1);
        }
        long i = Py.asLong(value);
        if (i < 0) {
            i += n;
            if (i < 0) {
                i = step > 0 ? 0 : -1;
            }
        } else if (i >= n) {
            i = step > 0 ? n : n - 1;
        }
        return i;
    }

    /** A bound method of a str, list or dict, or {@code null} when the value has no such attribute. */
    private static Object method(Object obj, String name) {
        if (obj instanceof String s) {
            return StringMethods.bind(s, name);
        }
        if (obj instanceof List<?> list) {
            if (LIST_MUTATORS.contains(name)) {
                return unsafe(obj, name);
            }
            return switch (name) {
                case "index" -> (JinjaCallable) (args, kw) -> {
                    for (int i = 0; i < list.size(); i++) {
                        if (Py.eq(list.get(i), args.get(0))) {
                            return (long) i;
                        }
                    }
                    throw new JinjaError(Py.repr(args.get(0)) + " is not in list");
                };
                case "count" -> (JinjaCallable) (args, kw) -> list.stream().filter(x -> Py.eq(x, args.get(0))).count();
                case "copy" -> (JinjaCallable) (args, kw) -> new ArrayList<>(list);
                default -> null;
            };
        }
        if (obj instanceof Map<?, ?> map) {
            if (DICT_MUTATORS.contains(name)) {
                return unsafe(obj, name);
            }
            return switch (name) {
                case "items" -> (JinjaCallable) (args, kw) -> items(map);
                case "keys" -> (JinjaCallable) (args, kw) -> new ArrayList<Object>(map.keySet());
                case "values" -> (JinjaCallable) (args, kw) -> new ArrayList<Object>(map.values());
                case "get" -> (JinjaCallable) (args, kw) -> {
                    Object found = item(obj, args.get(0), true);
                    return found instanceof Undefined ? (args.size() > 1 ? args.get(1) : null) : found;
                };
                case "copy" -> (JinjaCallable) (args, kw) -> new java.util.LinkedHashMap<Object, Object>(map);
                default -> null;
            };
        }
        return null;
    }

    static List<Object> items(Map<?, ?> map) {
        List<Object> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(new PyTuple(java.util.Arrays.asList(k, v))));
        return pairs;
    }

    private static Object unsafe(Object obj, String name) {
        return Undefined.withMessage("access to attribute '" + name + "' of '" + Py.typeName(obj) + "' object is unsafe.");
    }
}

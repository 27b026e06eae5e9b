package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's {@code str} methods, bound to a string, for templates that call {@code content.strip()} and the like. */
final class StringMethods {

    private StringMethods() {
    }

    /** The method {@code name} of {@code s}, or {@code null} when str has none by that name. */
    static JinjaCallable bind(String s, String name) {
        return switch (name) {
            case "startswith" -> (a, kw) -> affix(s, a, true);
            case "endswith" -> (a, kw) -> affix(s, a, false);
            case "strip" -> (a, kw) -> Py.strip(s, chars(a), true, true);
            case "lstrip" -> (a, kw) -> Py.strip(s, chars(a), true, false);
            case "rstrip" -> (a, kw) -> Py.strip(s, chars(a), false, true);
            case "split" -> (a, kw) -> split(s, arg(a, kw, 0, "sep"), arg(a, kw, 1, "maxsplit"), false);
            case "rsplit" -> (a, kw) -> split(s, arg(a, kw, 0, "sep"), arg(a, kw, 1, "maxsplit"), true);
            case "splitlines" -> (a, kw) -> splitlines(s, Py.truthy(arg(a, kw, 0, "keepends")));
            case "replace" -> (a, kw) -> replace(s, str(a.get(0)), str(a.get(1)), a.size() > 2 ? Py.asLong(a.get(2)) : -1);
            case "upper" -> (a, kw) -> s.toUpperCase(Locale.ROOT);
            case "lower", "casefold" -> (a, kw) -> s.toLowerCase(Locale.ROOT);
            case "title" -> (a, kw) -> title(s);
            case "capitalize" -> (a, kw) -> s.isEmpty() ? s
                    : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "swapcase" -> (a, kw) -> swapcase(s);
            case "find" -> (a, kw) -> (long) s.indexOf(str(a.get(0)));
            case "rfind" -> (a, kw) -> (long) s.lastIndexOf(str(a.get(0)));
            case "index", "rindex" -> (a, kw) -> {
                int i = name.equals("index") ? s.indexOf(str(a.get(0))) : s.lastIndexOf(str(a.get(0)));
                if (i < 0) {
                    throw new JinjaError("substring not found");
                }
                return (long) i;
            };
            case "count" -> (a, kw) -> count(s, str(a.get(0)));
            case "join" -> (a, kw) -> String.join(s, Py.iterate(a.get(0)).stream().map(StringMethods::str).toList());
            case "format" -> (a, kw) -> PyFormat.braces(s, a, kw);
            case "isdigit", "isnumeric", "isdecimal" -> (a, kw) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> (a, kw) -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> (a, kw) -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> (a, kw) -> Py.isBlank(s);
            case "islower" -> (a, kw) -> s.chars().anyMatch(Character::isLowerCase) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> (a, kw) -> s.chars().anyMatch(Character::isUpperCase) && s.equals(s.toUpperCase(Locale.ROOT));
            case "removeprefix" -> (a, kw) -> s.startsWith(str(a.get(0))) ? s.substring(str(a.get(0)).length()) : s;
            case "removesuffix" -> (a, kw) -> s.endsWith(str(a.get(0))) && !str(a.get(0)).isEmpty()
                    ? s.substring(0, s.length() - str(a.get(0)).length()) : s;
            case "partition" -> (a, kw) -> partition(s, str(a.get(0)), false);
            case "rpartition" -> (a, kw) -> partition(s, str(a.get(0)), true);
            case "zfill" -> (a, kw) -> zfill(s, (int) Py.asLong(a.get(0)));
            case "center", "ljust", "rjust" -> (a, kw) -> pad(s, name, (int) Py.asLong(a.get(0)),
                    a.size() > 1 ? str(a.get(1)) : " ");
            default -> null;
        };
    }

    private static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new JinjaError("must be str, not " + Py.typeName(v));
    }

    private static Object arg(List<Object> args, java.util.Map<String, Object> kwargs, int index, String name) {
        return index < args.size() ? args.get(index) : kwargs.get(name);
    }

    private static String chars(List<Object> args) {
        return args.isEmpty() || args.get(0) == null ? null : str(args.get(0));
    }

    private static boolean affix(String s, List<Object> args, boolean prefix) {
        int n = s.length();
        int start = args.size() > 1 && args.get(1) != null ? (int) clamp(Py.asLong(args.get(1)), n) : 0;
        int end = args.size() > 2 && args.get(2) != null ? (int) clamp(Py.asLong(args.get(2)), n) : n;
        String part = start <= end ? s.substring(start, end) : "";
        List<Object> options = args.get(0) instanceof PyTuple t ? t : List.of(args.get(0));
        for (Object option : options) {
            String o = str(option);
            if (prefix ? part.startsWith(o) : part.endsWith(o)) {
                return true;
            }
        }
        return false;
    }

    private static long clamp(long i, int n) {
        return i < 0 ? Math.max(0, i + n) : Math.min(i, n);
    }

    static List<Object> split(String s, Object sep, Object maxsplit, boolean fromRight) {
        long max = maxsplit == null ? -1 : Py.asLong(maxsplit);
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            List<String> words = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && Py.isSpace(s.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < s.length() && !Py.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    words.add(s.substring(start, i));
                }
            }
            if (max < 0 || words.size() <= max + 1) {
                parts.addAll(words);
                return parts;
            }
            String rest = fromRight ? Py.rstrip(s) : Py.strip(s, null, true, false);
            return fromRight ? rsplitWhitespace(rest, max) : splitWhitespace(rest, max);
        }
        String separator = str(sep);
        if (separator.isEmpty()) {
            throw new JinjaError("empty separator");
        }
        if (fromRight) {
            int end = s.length();
            int at;
            while ((max < 0 || parts.size() < max) && (at = s.lastIndexOf(separator, end - separator.length())) >= 0
                    && end - separator.length() >= 0) {
                parts.add(0, s.substring(at + separator.length(), end));
                end = at;
            }
            parts.add(0, s.substring(0, end));
            return parts;
        }
        int start = 0;
        int at;
        while ((max < 0 || parts.size() < max) && (at = s.indexOf(separator, start)) >= 0) {
            parts.add(s.substring(start, at));
            start = at + separator.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<Object> splitWhitespace(String s, long max) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (parts.size() < max) {
            int start = i;
            while (i < s.length() && !Py.isSpace(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
            while (i < s.length() && Py.isSpace(s.charAt(i))) {
                i++;
            }
        }
        parts.add(s.substring(i));
        return parts;
    }

    private static List<Object> rsplitWhitespace(String s, long max) {
        List<Object> parts = new ArrayList<>();
        int i = s.length();
        while (parts.size() < max) {
            int end = i;
            while (i > 0 && !Py.isSpace(s.charAt(i - 1))) {
                i--;
            }
            parts.add(0, s.substring(i, end));
            while (i > 0 && Py.isSpace(s.charAt(i - 1))) {
                i--;
            }
        }
        parts.add(0, s.substring(0, i));
        return parts;
    }

    private static List<Object> splitlines(String s, boolean keepends) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
                    || c == 0x2028 || c == 0x2029) {
                int next = i + (crlf ? 2 : 1);
                lines.add(s.substring(start, keepends ? next : i));
                start = next;
                i = next;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static String replace(String s, String old, String with, long count) {
        if (count < 0) {
            return old.isEmpty() ? insertEverywhere(s, with) : s.replace(old, with);
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (long n = 0; n < count; n++) {
            int at = s.indexOf(old, start);
            if (at < 0 || old.isEmpty()) {
                break;
            }
            out.append(s, start, at).append(with);
            start = at + old.length();
        }
        return out.append(s.substring(start)).toString();
    }

    private static String insertEverywhere(String s, String with) {
        StringBuilder out = new StringBuilder(with);
        s.codePoints().forEach(c -> out.appendCodePoint(c).append(with));
        return out.toString();
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    /** Python's {@code str.title()}: a cased character after an uncased one starts a word. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            out.appendCodePoint(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static String swapcase(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
        return out.toString();
    }

    private static PyTuple partition(String s, String sep, boolean fromRight) {
        int at = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (at < 0) {
            return fromRight ? new PyTuple(List.of("", "", s)) : new PyTuple(List.of(s, "", ""));
        }
        return new PyTuple(List.of(s.substring(0, at), sep, s.substring(at + sep.length())));
    }

    private static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
        String zeros = "0".repeat(width - s.length());
        return signed ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
    }

    static String pad(String s, String how, int width, String fill) {
        int missing = width - s.codePointCount(0, s.length());
        if (missing <= 0) {
            return s;
        }
        return switch (how) {
            case "ljust" -> s + fill.repeat(missing);
            case "rjust" -> fill.repeat(missing) + s;
            default -> {
                int left = missing / 2 + (missing & width & 1);
                yield fill.repeat(left) + s + fill.repeat(missing - left);
            }
        };
    }
}

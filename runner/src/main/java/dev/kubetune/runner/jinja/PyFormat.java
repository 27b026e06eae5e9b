package dev.kubetune.runner.jinja;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code "..." % args} and {@code "...".format(...)}, for the conversions templates use. */
final class PyFormat {

    private static final Pattern PERCENT = Pattern.compile("%(\\((\\w+)\\))?([-+ 0#]*)(\\d+)?(\\.(\\d+))?([sdirfxXeEgGc%])");
    private static final Pattern BRACES = Pattern.compile("\\{\\{|}}|\\{([^{}:!]*)(![rs])?(:[^{}]*)?}");

    private PyFormat() {
    }

    static String percent(String format, Object args) {
        List<Object> positional = args instanceof PyTuple t ? t : List.of(args == null ? "None" : args);
        Object[] values = args instanceof PyTuple ? t(args) : new Object[] {args};
        Matcher m = PERCENT.matcher(format);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String conversion = m.group(7);
            String text;
            if (conversion.equals("%")) {
                text = "%";
            } else {
                Object value = m.group(2) != null ? ((Map<?, ?>) args).get(m.group(2)) : values[next++];
                text = convert(value, m.group(3), m.group(4), m.group(6), conversion);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        if (!(args instanceof Map<?, ?>) && next < positional.size()) {
            throw new JinjaError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static Object[] t(Object args) {
        return ((PyTuple) args).toArray();
    }

    private static String convert(Object value, String flags, String width, String precision, String conversion) {
        String text = switch (conversion) {
            case "s" -> Py.str(value);
            case "r" -> Py.repr(value);
            case "d", "i" -> Long.toString((long) Py.asDouble(value));
            case "x" -> Long.toHexString(Py.asLong(value));
            case "X" -> Long.toHexString(Py.asLong(value)).toUpperCase();
            case "c" -> value instanceof String s ? s : new String(Character.toChars((int) Py.asLong(value)));
            default -> String.format("%" + (precision == null ? "" : "." + precision) + conversion, Py.asDouble(value));
        };
        if (width != null && text.length() < Integer.parseInt(width)) {
            String pad = (flags.contains("0") && !flags.contains("-") ? "0" : " ")
                    .repeat(Integer.parseInt(width) - text.length());
            text = flags.contains("-") ? text + pad : pad + text;
        }
        return text;
    }

    /** {@code str.format} with automatic and numbered fields, keyword fields and {@code !r}; format specs are ignored. */
    static String braces(String format, List<Object> args, Map<String, Object> kwargs) {
        Matcher m = BRACES.matcher(format);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String text;
            if (m.group().equals("{{")) {
                text = "{";
            } else if (m.group().equals("}}")) {
                text = "}";
            } else {
                String field = m.group(1);
                Object value;
                if (field.isEmpty()) {
                    value = args.get(next++);
                } else if (field.chars().allMatch(Character::isDigit)) {
                    value = args.get(Integer.parseInt(field));
                } else {
                    value = kwargs.get(field);
                }
                text = "!r".equals(m.group(2)) ? Py.repr(value) : Py.str(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's binary and unary operators on template values, as Jinja2 applies them. */
final class Operators {

    private Operators() {
    }

    static Object binary(String op, Object a, Object b) {
        if (op.equals("~")) {
            return Py.str(a) + Py.str(b);
        }
        if (op.equals("in")) {
            return contains(b, a);
        }
        switch (op) {
            case "==":
                return Py.eq(a, b);
            case "!=":
                return !Py.eq(a, b);
            case "<":
                return Py.compare(a, b, op) < 0;
            case "<=":
                return Py.compare(a, b, op) <= 0;
            case ">":
                return Py.compare(a, b, op) > 0;
            case ">=":
                return Py.compare(a, b, op) >= 0;
            default:
                break;
        }
        failIfUndefined(a);
        failIfUndefined(b);
        return switch (op) {
            case "+" -> add(a, b);
            case "-" -> numeric(op, a, b);
            case "*" -> multiply(a, b);
            case "/" -> divide(a, b);
            case "//", "%", "**" -> a instanceof String s && op.equals("%") ? PyFormat.percent(s, b) : numeric(op, a, b);
            default -> throw new IllegalArgumentException(op);
        };
    }

    static void failIfUndefined(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
    }

    static Object negate(Object v) {
        failIfUndefined(v);
        if (Py.isInt(v)) {
            return -Py.asLong(v);
        }
        if (v instanceof Double d) {
            return -d;
        }
        throw new JinjaError("bad operand type for unary -: '" + Py.typeName(v) + "'");
    }

    static Object plus(Object v) {
        failIfUndefined(v);
        if (Py.isNumber(v)) {
            return v instanceof Boolean ? Py.asLong(v) : v;
        }
        throw new JinjaError("bad operand type for unary +: '" + Py.typeName(v) + "'");
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw new JinjaError("'in <string>' requires string as left operand, not " + Py.typeName(item));
            }
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> Py.eq(k, item));
        }
        return Py.iterate(container).stream().anyMatch(x -> Py.eq(x, item));
    }

    private static Object add(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            List<Object> sum = new ArrayList<>(x);
            sum.addAll(y);
            return a instanceof PyTuple ? new PyTuple(sum) : sum;
        }
        if (Py.isNumber(a) && Py.isNumber(b)) {
            return numeric("+", a, b);
        }
        if (a instanceof String || a instanceof List<?>) {
            throw new JinjaError("can only concatenate " + Py.typeName(a) + " (not \"" + Py.typeName(b) + "\") to "
                    + Py.typeName(a));
        }
        throw unsupported("+", a, b);
    }

    private static Object multiply(Object a, Object b) {
        if (Py.isInt(b) && (a instanceof String || a instanceof List<?>)) {
            return repeat(a, Py.asLong(b));
        }
        if (Py.isInt(a) && (b instanceof String || b instanceof List<?>)) {
            return repeat(b, Py.asLong(a));
        }
        return numeric("*", a, b);
    }

    private static Object repeat(Object seq, long times) {
        if (seq instanceof String s) {
            return times <= 0 ? "" : s.repeat((int) times);
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < times; i++) {
            out.addAll((List<?>) seq);
        }
        return seq instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static Object divide(Object a, Object b) {
        if (!Py.isNumber(a) || !Py.isNumber(b)) {
            throw unsupported("/", a, b);
        }
        if (Py.asDouble(b) == 0) {
            throw new JinjaError("division by zero");
        }
        return Py.asDouble(a) / Py.asDouble(b);
    }

    private static Object numeric(String op, Object a, Object b) {
        if (!Py.isNumber(a) || !Py.isNumber(b)) {
            throw unsupported(op, a, b);
        }
        if (Py.isInt(a) && Py.isInt(b)) {
            long x = Py.asLong(a);
            long y = Py.asLong(b);
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "//" -> y == 0 ? zero(op) : Math.floorDiv(x, y);
                case "%" -> y == 0 ? zero(op) : Math.floorMod(x, y);
                case "**" -> y >= 0 ? (Object) power(x, y) : Math.pow(x, y);
                default -> throw new IllegalArgumentException(op);
            };
        }
        double x = Py.asDouble(a);
        double y = Py.asDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "//" -> y == 0 ? zero(op) : Math.floor(x / y);
            case "%" -> y == 0 ? zero(op) : x - y * Math.floor(x / y);
            case "**" -> Math.pow(x, y);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static long power(long base, long exp) {
        long result = 1;
        for (long i = 0; i < exp; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    private static Object zero(String op) {
        throw new JinjaError(op.equals("%") ? "integer modulo by zero" : "integer division or modulo by zero");
    }

    private static JinjaError unsupported(String op, Object a, Object b) {
        return new JinjaError("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '"
                + Py.typeName(b) + "'");
    }
}

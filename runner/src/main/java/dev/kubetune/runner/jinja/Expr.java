package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An expression of a template, evaluated with Python's semantics. */
interface Expr {

    Object eval(Scope scope);

    record Const(Object value) implements Expr {
        public Object eval(Scope scope) {
            return value;
        }
    }

    record Name(String name) implements Expr {
        public Object eval(Scope scope) {
            return scope.get(name);
        }
    }

    record Getattr(Expr target, String name) implements Expr {
        public Object eval(Scope scope) {
            return Members.getattr(target.eval(scope), name);
        }
    }

    record Getitem(Expr target, Expr key) implements Expr {
        public Object eval(Scope scope) {
            return Members.getitem(target.eval(scope), key.eval(scope));
        }
    }

    record Slice(Expr start, Expr stop, Expr step) implements Expr {
        public Object eval(Scope scope) {
            return new Members.Slice(index(start, scope), index(stop, scope), index(step, scope));
        }

        private static Object index(Expr e, Scope scope) {
            Object v = e == null ? null : e.eval(scope);
            if (v != null && !Py.isInt(v)) {
                throw new JinjaError("slice indices must be integers or None");
            }
            return v;
        }
    }

    record ListLiteral(List<Expr> items, boolean tuple) implements Expr {
        public Object eval(Scope scope) {
            List<Object> values = new ArrayList<>();
            items.forEach(i -> values.add(i.eval(scope)));
            return tuple ? new PyTuple(values) : values;
        }
    }

    record DictLiteral(List<Expr> keys, List<Expr> values) implements Expr {
        public Object eval(Scope scope) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                map.put(keys.get(i).eval(scope), values.get(i).eval(scope));
            }
            return map;
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        public Object eval(Scope scope) {
            return switch (op) {
                case "and" -> {
                    Object l = left.eval(scope);
                    yield Py.truthy(l) ? right.eval(scope) : l;
                }
                case "or" -> {
                    Object l = left.eval(scope);
                    yield Py.truthy(l) ? l : right.eval(scope);
                }
                case "not in" -> !Operators.contains(right.eval(scope), left.eval(scope));
                default -> Operators.binary(op, left.eval(scope), right.eval(scope));
            };
        }
    }

    /** {@code a < b < c}: each comparison on the previous right operand, stopping at the first false. */
    record Compare(Expr first, List<String> ops, List<Expr> operands) implements Expr {
        public Object eval(Scope scope) {
            Object left = first.eval(scope);
            for (int i = 0; i < ops.size(); i++) {
                Object right = operands.get(i).eval(scope);
                Object result = ops.get(i).equals("not in") ? !Operators.contains(right, left)
                        : Operators.binary(ops.get(i), left, right);
                if (!Py.truthy(result)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
    }

    record Unary(String op, Expr operand) implements Expr {
        public Object eval(Scope scope) {
            Object v = operand.eval(scope);
            return switch (op) {
                case "not" -> !Py.truthy(v);
                case "-" -> Operators.negate(v);
                default -> Operators.plus(v);
            };
        }
    }

    record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {
        public Object eval(Scope scope) {
            if (Py.truthy(test.eval(scope))) {
                return then.eval(scope);
            }
            return otherwise == null ? Undefined.withMessage("the inline if-expression on line evaluated to false and "
                    + "no else section was defined.") : otherwise.eval(scope);
        }
    }

    /** Positional arguments and keyword arguments of a call, filter or test. */
    /** Arguments of a call, filter or test; {@code spread} and {@code spreadKeywords} are {@code *args}, {@code **kwargs} or null. */
    record Arguments(List<Expr> positional, List<String> names, List<Expr> keywords, Expr spread, Expr spreadKeywords) {
        static final Arguments NONE = new Arguments(List.of(), List.of(), List.of(), null, null);

        Args eval(Scope scope) {
            List<Object> args = new ArrayList<>();
            positional.forEach(e -> args.add(e.eval(scope)));
            if (spread != null) {
                args.addAll(Py.iterate(spread.eval(scope)));
            }
            Map<String, Object> kwargs = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                kwargs.put(names.get(i), keywords.get(i).eval(scope));
            }
            if (spreadKeywords != null && spreadKeywords.eval(scope) instanceof Map<?, ?> extra) {
                extra.forEach((k, v) -> kwargs.put(Py.str(k), v));
            }
            return new Args(args, kwargs);
        }
    }

    record Call(Expr function, Arguments arguments) implements Expr {
        public Object eval(Scope scope) {
            return call(scope, Map.of());
        }

        /** The call with {@code extra} keyword arguments ({@code caller} of a call block). */
        Object call(Scope scope, Map<String, Object> extra) {
            Object f = function.eval(scope);
            if (f instanceof Undefined u) {
                throw u.fail();
            }
            if (!(f instanceof JinjaCallable callable)) {
                throw new JinjaError("'" + Py.typeName(f) + "' object is not callable");
            }
            Args a = arguments.eval(scope);
            Map<String, Object> kwargs = new LinkedHashMap<>(a.keywords());
            kwargs.putAll(extra);
            return callable.call(a.positional(), kwargs);
        }
    }

    record Filter(Expr value, String name, Arguments arguments) implements Expr {
        public Object eval(Scope scope) {
            return Filters.apply(name, value.eval(scope), arguments.eval(scope));
        }
    }

    record Test(Expr value, String name, Arguments arguments) implements Expr {
        public Object eval(Scope scope) {
            return Tests.apply(name, value.eval(scope), arguments.eval(scope).positional());
        }
    }
}

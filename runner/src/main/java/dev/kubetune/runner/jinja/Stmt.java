package dev.kubetune.runner.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A statement of a template: text, a print, or a tag ({@code if}, {@code for}, {@code set}, {@code macro}, …). */
interface Stmt {

    int line();

    void render(Scope scope, StringBuilder out);

    /** Renders {@code body}; a failure gets the line of the statement it happened in. */
    static void renderAll(List<Stmt> body, Scope scope, StringBuilder out) {
        for (Stmt s : body) {
            try {
                s.render(scope, out);
            } catch (JinjaError e) {
                throw new TemplateRenderException(e.getMessage(), s.line(), e.raisedByTemplate);
            } catch (ArithmeticException | ClassCastException | IndexOutOfBoundsException e) {
                throw new TemplateRenderException(e.getClass().getSimpleName() + ": " + e.getMessage(), s.line(), false);
            }
        }
    }

    /** Thrown by {@code break} and {@code continue}, caught by the loop. */
    final class LoopControl extends RuntimeException {
        static final LoopControl BREAK = new LoopControl();
        static final LoopControl CONTINUE = new LoopControl();

        private LoopControl() {
            super(null, null, false, false);
        }
    }

    record Text(String text, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            out.append(text);
        }
    }

    record Print(Expr value, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            out.append(Py.str(value.eval(scope)));
        }
    }

    record If(List<Expr> tests, List<List<Stmt>> bodies, List<Stmt> otherwise, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            for (int i = 0; i < tests.size(); i++) {
                if (Py.truthy(tests.get(i).eval(scope))) {
                    renderAll(bodies.get(i), scope, out);
                    return;
                }
            }
            renderAll(otherwise, scope, out);
        }
    }

    /** Where a {@code set} or {@code for} puts values: a name, names to unpack, or a namespace's attribute. */
    record Target(List<String> names, boolean unpack, String attribute) {
        void assign(Scope scope, Object value) {
            if (attribute != null) {
                Object ns = scope.get(names.get(0));
                if (!(ns instanceof Namespace namespace)) {
                    throw new JinjaError("cannot assign attribute on non-namespace object");
                }
                namespace.attributes.put(attribute, value);
            } else if (!unpack) {
                scope.set(names.get(0), value);
            } else {
                List<Object> values = Py.iterate(value);
                if (values.size() != names.size()) {
                    throw new JinjaError(values.size() > names.size() ? "too many values to unpack (expected "
                            + names.size() + ")" : "not enough values to unpack (expected " + names.size() + ", got "
                            + values.size() + ")");
                }
                for (int i = 0; i < names.size(); i++) {
                    scope.set(names.get(i), values.get(i));
                }
            }
        }
    }

    record For(Target target, Expr items, Expr filter, List<Stmt> body, List<Stmt> otherwise, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            Object source = items.eval(scope);
            if (source == null) {
                throw new JinjaError("'NoneType' object is not iterable");
            }
            List<Object> all = Py.iterate(source);
            List<Object> kept = all;
            if (filter != null) {
                kept = new ArrayList<>();
                for (Object item : all) {
                    Scope s = scope.child();
                    target.assign(s, item);
                    if (Py.truthy(filter.eval(s))) {
                        kept.add(item);
                    }
                }
            }
            if (kept.isEmpty()) {
                renderAll(otherwise, scope, out);
                return;
            }
            Object outer = scope.get("loop");
            LoopInfo loop = new LoopInfo(kept, outer instanceof LoopInfo ? 1 : 0);
            for (int i = 0; i < kept.size(); i++) {
                loop.index0 = i;
                Scope s = scope.child();
                target.assign(s, kept.get(i));
                s.set("loop", loop);
                try {
                    renderAll(body, s, out);
                } catch (LoopControl control) {
                    if (control == LoopControl.BREAK) {
                        break;
                    }
                }
            }
        }
    }

    record Set(Target target, Expr value, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            target.assign(scope, value.eval(scope));
        }
    }

    /** {@code {% set x %}...{% endset %}}, optionally through filters ({@code {% set x | trim %}}). */
    record SetBlock(Target target, List<Stmt> body, List<Expr.Filter> filters, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            StringBuilder captured = new StringBuilder();
            renderAll(body, scope, captured);
            target.assign(scope, FilterBlock.applyAll(filters, captured.toString(), scope));
        }
    }

    record FilterBlock(List<Expr.Filter> filters, List<Stmt> body, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            StringBuilder captured = new StringBuilder();
            renderAll(body, scope, captured);
            out.append(Py.str(applyAll(filters, captured.toString(), scope)));
        }

        static Object applyAll(List<Expr.Filter> filters, Object value, Scope scope) {
            Object v = value;
            for (Expr.Filter f : filters) {
                v = Filters.apply(f.name(), v, f.arguments().eval(scope));
            }
            return v;
        }
    }

    record Macro(String name, List<String> params, List<Expr> defaults, List<Stmt> body, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            scope.set(name, (JinjaCallable) (args, kwargs) -> call(scope, args, kwargs));
        }

        private String call(Scope defining, List<Object> args, Map<String, Object> kwargs) {
            return invoke(defining, params, defaults, body, args, kwargs);
        }

        /** A macro's (or a call block's caller's) body rendered with its parameters bound, in a scope of its own. */
        static String invoke(Scope defining, List<String> params, List<Expr> defaults, List<Stmt> body,
                             List<Object> args, Map<String, Object> kwargs) {
            Scope s = defining.child();
            int firstDefault = params.size() - defaults.size();
            Map<String, Object> extra = new java.util.LinkedHashMap<>(kwargs);
            if (extra.containsKey("caller")) {
                s.set("caller", extra.remove("caller"));
            }
            for (int i = 0; i < params.size(); i++) {
                String p = params.get(i);
                Object v;
                if (i < args.size()) {
                    v = args.get(i);
                } else if (extra.containsKey(p)) {
                    v = extra.remove(p);
                } else if (i >= firstDefault) {
                    v = defaults.get(i - firstDefault).eval(s);
                } else {
                    v = Undefined.withMessage("parameter '" + p + "' was not provided");
                }
                s.set(p, v);
            }
            s.set("varargs", args.size() > params.size() ? new ArrayList<>(args.subList(params.size(), args.size())) : List.of());
            s.set("kwargs", new java.util.LinkedHashMap<Object, Object>(extra));
            StringBuilder out = new StringBuilder();
            renderAll(body, s, out);
            return out.toString();
        }
    }

    /** {@code {% call(params) macro(args) %}body{% endcall %}}: the macro gets the body as {@code caller}. */
    record CallBlock(Expr.Call call, List<String> params, List<Expr> defaults, List<Stmt> body, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            JinjaCallable caller = (args, kwargs) -> Macro.invoke(scope, params, defaults, body, args, kwargs);
            out.append(Py.str(call.call(scope, Map.of("caller", caller))));
        }
    }

    record Control(boolean isBreak, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            throw isBreak ? LoopControl.BREAK : LoopControl.CONTINUE;
        }
    }

    /** {@code with} (its assignments in a new scope) and transformers' {@code generation} (which marks assistant text for masks; it renders its body). */
    record Block(List<Stmt> body, List<Target> targets, List<Expr> values, int line) implements Stmt {
        public void render(Scope scope, StringBuilder out) {
            Scope s = scope.child();
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).assign(s, values.get(i).eval(scope));
            }
            renderAll(body, s, out);
        }
    }
}

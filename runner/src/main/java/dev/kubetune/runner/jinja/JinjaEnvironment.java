package dev.kubetune.runner.jinja;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jinja2-compatible template engine, configured as Python's Jinja2 environment would be: either
 * with Jinja2's defaults ({@link #plain()}, for prompt templates), or exactly as Hugging Face
 * transformers' {@code _compile_jinja_template} sets up chat templates ({@link #chatTemplates}): an
 * immutable sandbox with trim_blocks, lstrip_blocks and loop controls, {@code tojson} without
 * ASCII escaping, {@code raise_exception} and {@code strftime_now}.
 */
public final class JinjaEnvironment {

    /** Python's sandbox allows no {@code range} longer than this. */
    private static final long MAX_RANGE = 100_000;

    private final boolean trimBlocks;
    private final Map<String, Object> globals = new HashMap<>();

    private JinjaEnvironment(boolean trimBlocks) {
        this.trimBlocks = trimBlocks;
        globals.put("range", (JinjaCallable) (a, kw) -> range(a));
        globals.put("dict", (JinjaCallable) (a, kw) -> new LinkedHashMap<Object, Object>(kw));
        globals.put("namespace", (JinjaCallable) (a, kw) -> namespace(a, kw));
        globals.put("cycler", (JinjaCallable) (a, kw) -> {
            throw new JinjaError("cycler() is not supported");
        });
    }

    /** Jinja2's defaults (no trim_blocks or lstrip_blocks). */
    public static JinjaEnvironment plain() {
        return new JinjaEnvironment(false);
    }

    /** The environment transformers renders chat templates in; {@code strftime_now} reads {@code clock}. */
    public static JinjaEnvironment chatTemplates(Clock clock) {
        JinjaEnvironment env = new JinjaEnvironment(true);
        env.globals.put("raise_exception", (JinjaCallable) (a, kw) -> {
            throw new JinjaError(a.isEmpty() ? "" : Py.str(a.get(0)), true);
        });
        env.globals.put("strftime_now", (JinjaCallable) (a, kw) ->
                Strftime.format(LocalDateTime.now(clock), Py.str(a.get(0))));
        return env;
    }

    /**
     * Parses {@code source}.
     *
     * @throws TemplateSyntaxException what Jinja2 would reject, with its line
     */
    public JinjaTemplate parse(String source) {
        Parser parser = new Parser(Lexer.tokenize(source, trimBlocks, trimBlocks));
        List<Stmt> body = parser.parseTemplate();
        List<String> undeclared = new ArrayList<>();
        for (String name : parser.undeclared) {
            if (!globals.containsKey(name) && !name.equals("loop")) {
                undeclared.add(name);
            }
        }
        return new JinjaTemplate(body, List.copyOf(undeclared), globals);
    }

    private static List<Object> range(List<Object> args) {
        long start = args.size() > 1 ? Py.asLong(args.get(0)) : 0;
        long stop = Py.asLong(args.get(args.size() > 1 ? 1 : 0));
        long step = args.size() > 2 ? Py.asLong(args.get(2)) : 1;
        if (step == 0) {
            throw new JinjaError("range() arg 3 must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (out.size() >= MAX_RANGE) {
                throw new JinjaError("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
            }
            out.add(i);
        }
        return out;
    }

    private static Namespace namespace(List<Object> args, Map<String, Object> kwargs) {
        Namespace ns = new Namespace();
        for (Object a : args) {
            if (a instanceof Map<?, ?> m) {
                m.forEach((k, v) -> ns.attributes.put(Py.str(k), v));
            }
        }
        ns.attributes.putAll(kwargs);
        return ns;
    }
}

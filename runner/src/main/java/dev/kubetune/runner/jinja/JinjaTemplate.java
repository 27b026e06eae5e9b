package dev.kubetune.runner.jinja;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed template: render it with variables, or ask which variables it reads. */
public final class JinjaTemplate {

    private final List<Stmt> body;
    private final List<String> undeclaredVariables;
    private final Map<String, Object> globals;

    JinjaTemplate(List<Stmt> body, List<String> undeclaredVariables, Map<String, Object> globals) {
        this.body = body;
        this.undeclaredVariables = undeclaredVariables;
        this.globals = globals;
    }

    /**
     * The variables the template reads that it does not set itself and the environment does not
     * provide, in order of first use (like {@code jinja2.meta.find_undeclared_variables}).
     */
    public List<String> undeclaredVariables() {
        return undeclaredVariables;
    }

    /**
     * Renders with {@code variables} (Java maps, lists, strings, numbers and booleans become the
     * Python values templates expect).
     *
     * @throws TemplateRenderException when rendering fails as it would in Python
     */
    public String render(Map<String, ?> variables) {
        Map<String, Object> all = new HashMap<>(globals);
        Scope root = new Scope(new Renderer(all), null);
        variables.forEach((k, v) -> root.set(k, Py.of(v)));
        StringBuilder out = new StringBuilder();
        try {
            Stmt.renderAll(body, root, out);
        } catch (Stmt.LoopControl e) {
            throw new TemplateRenderException("'break' or 'continue' outside a loop", 0, false);
        } catch (StackOverflowError e) {
            throw new TemplateRenderException("the template recursed too deeply", 0, false);
        }
        return out.toString();
    }
}

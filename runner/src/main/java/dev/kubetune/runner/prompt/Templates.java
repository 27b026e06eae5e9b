package dev.kubetune.runner.prompt;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.jinja.JinjaEnvironment;
import dev.kubetune.runner.jinja.JinjaTemplate;
import dev.kubetune.runner.jinja.TemplateRenderException;
import dev.kubetune.runner.jinja.TemplateSyntaxException;
import java.util.Map;

/** Parsing and rendering of Jinja templates, with failures as bad input naming the template and line. */
final class Templates {

    private Templates() {
    }

    /** {@code source} parsed in {@code env}; a syntax error is bad input: {@code <what>: line N: <Jinja2's message>}. */
    static JinjaTemplate parse(JinjaEnvironment env, String source, String what) {
        try {
            return env.parse(source);
        } catch (TemplateSyntaxException e) {
            throw new BadInputException(what + ": line " + e.line() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders; a template that raises gives its own message ({@code <what>: <message>}), any other
     * failure the line and Python's message.
     */
    static String render(JinjaTemplate template, Map<String, ?> variables, String what) {
        try {
            return template.render(variables);
        } catch (TemplateRenderException e) {
            throw new BadInputException(what + ": " + (e.raisedByTemplate() || e.line() == 0 ? "" : "line " + e.line() + ": ")
                    + e.getMessage(), e);
        }
    }
}

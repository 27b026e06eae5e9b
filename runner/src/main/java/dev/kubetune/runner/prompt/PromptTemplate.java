package dev.kubetune.runner.prompt;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.jinja.JinjaEnvironment;
import dev.kubetune.runner.jinja.JinjaTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's prompt: a Jinja template over a row's fields ({@code "Classify the note.\n{{ text }}"}).
 * Variables: every field of the row by name, plus {@code id}, {@code text} (the configured text
 * field's value) and {@code labels} (the allowed labels; these three win over fields of the same name).
 *
 * @param source the Jinja source
 * @param name where it came from (a built-in's name, a file, or "prompt template"), for messages
 */
public record PromptTemplate(String source, String name) {

    /** Built-in templates by name. */
    public static final Map<String, String> BUILT_INS = Map.of(
            "plain", "{{ text }}",
            "classify", "Classify the following text into exactly one of these categories: "
                    + "{{ labels | join(', ') }}.\nAnswer with the category name only.\n\nText: {{ text }}");

    /**
     * Resolves a template spec: a built-in's name ({@code plain}, {@code classify}); else, when it
     * has no {@code {{}, {@code {%} or line break and names an existing file, that file's content;
     * else the spec itself as Jinja source. A spec ending in {@code .j2}/{@code .jinja}/{@code .txt}
     * that names no file is an error, not a template.
     */
    public static PromptTemplate of(String spec) {
        if (spec == null || spec.isEmpty()) {
            return new PromptTemplate(BUILT_INS.get("plain"), "plain");
        }
        if (BUILT_INS.containsKey(spec)) {
            return new PromptTemplate(BUILT_INS.get(spec), spec);
        }
        boolean looksLikePath = !spec.contains("{{") && !spec.contains("{%") && !spec.contains("\n");
        if (looksLikePath) {
            Path file = Path.of(spec);
            if (Files.isRegularFile(file)) {
                return fromFile(file);
            }
            if (spec.endsWith(".j2") || spec.endsWith(".jinja") || spec.endsWith(".txt")) {
                throw new BadInputException(spec + ": no such prompt template file");
            }
        }
        return new PromptTemplate(spec, "prompt template");
    }

    public static PromptTemplate fromFile(Path file) {
        try {
            return new PromptTemplate(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read prompt template: " + e.getMessage(), e);
        }
    }

    /** The variables the prompt template always has besides a row's fields. */
    public static final List<String> BUILT_IN_VARIABLES = List.of("id", "text", "labels");

    private static final JinjaEnvironment ENVIRONMENT = JinjaEnvironment.plain();

    /**
     * The template parsed (Python Jinja2's default settings); a syntax error is bad input
     * {@code <name>: line N: <message>}.
     */
    public JinjaTemplate parse() {
        return Templates.parse(ENVIRONMENT, source, name);
    }

    /**
     * The variables the template reads that it does not set itself, in order of first use (row
     * fields it expects, and {@link #BUILT_IN_VARIABLES}); a syntax error is bad input with its line.
     */
    public List<String> variables() {
        return parse().undeclaredVariables();
    }

    /** The template rendered for {@code row}. */
    public String render(DataRow row, List<String> labels) {
        return Templates.render(parse(), variables(row, labels), name);
    }

    /**
     * Checks the template before any work: every tag closed, and every variable one the rows have
     * (rendered for {@code row} with undefined variables failing), so a typo such as {@code {{ txt }}}
     * is bad input rather than an empty prompt for every row.
     */
    public void check(DataRow row, List<String> labels) {
        PromptTemplateCheck.delimiters(source, name);
        Map<String, Object> variables = variables(row, labels);
        for (String variable : variables()) {
            if (!variables.containsKey(variable) && !guarded(variable)) {
                throw new BadInputException(name + ": unknown variable '" + variable + "' (the rows have: "
                        + String.join(", ", variables.keySet()) + ")");
            }
        }
        Templates.render(parse(), variables, name);
    }

    /** Whether the template guards {@code variable} as optional ({@code x is defined}, {@code x | default(…)}). */
    private boolean guarded(String variable) {
        String name = java.util.regex.Pattern.quote(variable);
        return java.util.regex.Pattern.compile("\\b" + name + "\\s+is\\s+(not\\s+)?defined\\b|\\b" + name
                + "\\s*\\|\\s*(default|d)\\b").matcher(source).find();
    }

    private static Map<String, Object> variables(DataRow row, List<String> labels) {
        Map<String, Object> variables = new LinkedHashMap<>(row.fields());
        variables.put("id", row.id());
        variables.put("text", row.text());
        variables.put("labels", labels == null ? List.of() : labels);
        return variables;
    }
}

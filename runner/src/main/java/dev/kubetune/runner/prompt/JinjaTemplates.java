package dev.kubetune.runner.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.kubetune.runner.BadInputException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jinja rendering with jinjava, set up to behave like Python's Jinja2: its newer (Python-compatible)
 * parsing rules, no re-interpretation of rendered values (a note containing {@code {{ x }}} stays
 * text), and {@code raise_exception(msg)} as Python transformers defines it for chat templates.
 */
final class JinjaTemplates {

    /**
     * All of jinjava's Python-compatibility switches except "whitespace required within tokens",
     * which stops {@code {%-} and {@code {{-} from parsing (templates then render as literal text).
     */
    private static final LegacyOverrides PYTHON_COMPATIBLE = LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withUseSnakeCasePropertyNaming(true)
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withAllowAdjacentTextNodes(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withKeepNullableLoopValues(true)
            .withHandleBackslashInQuotesOnly(true)
            .build();

    /** Jinja2's defaults, as for prompt templates. */
    static final JinjaTemplates PLAIN = new JinjaTemplates(false, false);

    /** {@link #PLAIN}, failing on a variable that is not defined (to check a prompt template before any work). */
    static final JinjaTemplates STRICT = new JinjaTemplates(false, true);

    /** The environment Python transformers renders chat templates in: trim_blocks and lstrip_blocks on. */
    static final JinjaTemplates CHAT = new JinjaTemplates(true, false);

    private final Jinjava jinjava;

    private JinjaTemplates(boolean trimBlocks, boolean failOnUnknownTokens) {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(trimBlocks)
                .withLstripBlocks(trimBlocks)
                .withKeepTrailingNewline(true)
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(failOnUnknownTokens)
                .withLegacyOverrides(PYTHON_COMPATIBLE)
                .build();
        jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", TemplateFunctions.class, "raiseException", String.class));
    }

    /**
     * Renders {@code template} with {@code variables}.
     *
     * @param what names the template in error messages ({@code "chat template of tokenizer_config.json"})
     */
    String render(String template, Map<String, ?> variables, String what) {
        RenderResult result;
        try {
            result = jinjava.renderForResult(withoutTrailingNewline(template), variables);
        } catch (RuntimeException e) {
            TemplateRaisedException raised = raisedBy(e);
            throw new BadInputException(what + ": " + (raised != null ? raised : e).getMessage(), e);
        }
        for (TemplateError error : result.getErrors()) {
            TemplateRaisedException raised = raisedBy(error.getException());
            if (raised != null) {
                throw new BadInputException(what + ": " + raised.getMessage(), raised);
            }
        }
        String fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(e -> (e.getLineno() > 0 ? "line " + e.getLineno() + ": " : "") + e.getMessage())
                .collect(Collectors.joining("; "));
        if (!fatal.isEmpty()) {
            throw new BadInputException(what + ": " + fatal);
        }
        return result.getOutput();
    }

    /** Jinja2 (keep_trailing_newline off) drops one line break at the end of the template source, not of the output. */
    private static String withoutTrailingNewline(String template) {
        if (template.endsWith("\r\n")) {
            return template.substring(0, template.length() - 2);
        }
        return template.endsWith("\n") || template.endsWith("\r") ? template.substring(0, template.length() - 1) : template;
    }

    private static TemplateRaisedException raisedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TemplateRaisedException raised) {
                return raised;
            }
        }
        return null;
    }

    /** Functions templates may call. Public for jinjava's reflection only. */
    public static final class TemplateFunctions {

        private TemplateFunctions() {
        }

        /** {@code raise_exception(message)}: stops rendering with the template's own message. */
        public static String raiseException(String message) {
            throw new TemplateRaisedException(message);
        }
    }

    /** What {@code raise_exception} throws. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) {
            super(message);
        }
    }
}

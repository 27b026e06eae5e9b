package dev.kubetune.runner.jinja;

/**
 * Rendering stopped: the template called {@code raise_exception(message)} (then the message is the
 * template's own), or an operation failed as it fails in Python Jinja2 (an undefined value used, a
 * type error), with the line it happened on.
 */
public final class TemplateRenderException extends RuntimeException {

    private final int line;
    private final boolean raisedByTemplate;

    TemplateRenderException(String message, int line, boolean raisedByTemplate) {
        super(message);
        this.line = line;
        this.raisedByTemplate = raisedByTemplate;
    }

    /** The 1-based line of the template, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Whether the template itself raised it ({@code raise_exception}), so its message is meant for the user. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}

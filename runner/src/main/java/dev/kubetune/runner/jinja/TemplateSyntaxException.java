package dev.kubetune.runner.jinja;

/** A template that does not parse, with the line where Jinja2 would report it. */
public final class TemplateSyntaxException extends RuntimeException {

    private final int line;

    TemplateSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the template the problem is on. */
    public int line() {
        return line;
    }
}

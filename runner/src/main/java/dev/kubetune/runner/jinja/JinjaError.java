package dev.kubetune.runner.jinja;

/** A failure while evaluating, before the line it happened on is known ({@link Stmt} adds it). */
final class JinjaError extends RuntimeException {

    final boolean raisedByTemplate;

    JinjaError(String message) {
        this(message, false);
    }

    JinjaError(String message, boolean raisedByTemplate) {
        super(message, null, false, false);
        this.raisedByTemplate = raisedByTemplate;
    }
}

package dev.kubetune.runner.jinja;

/**
 * One lexical token of a template.
 *
 * @param type what it is
 * @param value its text (for a string literal: the unescaped value)
 * @param line the 1-based line it starts on
 */
record Token(Type type, String value, int line) {

    enum Type { TEXT, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF }

    boolean is(Type t, String v) {
        return type == t && value.equals(v);
    }

    boolean isName(String v) {
        return is(Type.NAME, v);
    }

    boolean isOp(String v) {
        return is(Type.OPERATOR, v);
    }

    /** The token as Jinja2's messages name it, quoted. */
    String describe() {
        return "'" + switch (type) {
            case EOF -> "end of template";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case STRING -> "string";
            case INTEGER -> "integer";
            case FLOAT -> "float";
            default -> value;
        } + "'";
    }
}

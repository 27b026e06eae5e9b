package dev.kubetune.runner.prompt;

import dev.kubetune.runner.BadInputException;

/** The checks of a prompt template that Jinja itself lets pass: unclosed tags. */
final class PromptTemplateCheck {

    private PromptTemplateCheck() {
    }

    /** Every {@code {{}, {@code {%} and {@code {#} closed before the next one opens (Jinja would print it as text). */
    static void delimiters(String source, String name) {
        int at = 0;
        while (true) {
            int open = nextOpen(source, at);
            if (open < 0) {
                return;
            }
            String close = switch (source.charAt(open + 1)) {
                case '{' -> "}}";
                case '%' -> "%}";
                default -> "#}";
            };
            int end = source.indexOf(close, open + 2);
            int nextOpen = nextOpen(source, open + 2);
            if (end < 0 || nextOpen >= 0 && nextOpen < end && close.equals("}}")) {
                throw new BadInputException(name + ": line " + lineOf(source, open) + ": '" + source.substring(open, open + 2)
                        + "' is never closed with '" + close + "'");
            }
            at = end + 2;
        }
    }

    private static int nextOpen(String source, int from) {
        for (int i = source.indexOf('{', from); i >= 0 && i + 1 < source.length(); i = source.indexOf('{', i + 1)) {
            char c = source.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String source, int index) {
        return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}

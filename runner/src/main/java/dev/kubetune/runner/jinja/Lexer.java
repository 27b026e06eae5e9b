package dev.kubetune.runner.jinja;

import dev.kubetune.runner.jinja.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into tokens as Python Jinja2's lexer does: line breaks normalized to {@code \n}
 * and one trailing line break dropped (keep_trailing_newline off), whitespace control with {@code -}
 * and {@code +}, trim_blocks and lstrip_blocks, comments, {@code raw} blocks, and brackets balanced
 * inside tags so a dict literal's {@code }}} does not end a print statement.
 */
final class Lexer {

    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([+-]?)\\s*raw\\s*([+-]?)%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%([+-]?)\\s*endraw\\s*([+-]?)%}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "(?<!\\.)(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?e[+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("(0b(_?[0-1])+|0o(_?[0-7])+|0x(_?[\\da-f])+|[1-9](_?\\d)*|0(_?0)*)",
            Pattern.CASE_INSENSITIVE);
    private static final String[] OPERATORS = {"//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "<", ">",
        "=", ".", ",", ":", "|", "(", ")", "[", "]", "{", "}", ";"};

    private final String src;
    private final boolean trimBlocks;
    private final boolean lstripBlocks;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private boolean lineStarting = true;
    private int linePos;
    private int lineNo = 1;

    private Lexer(String source, boolean trimBlocks, boolean lstripBlocks) {
        this.src = normalize(source);
        this.trimBlocks = trimBlocks;
        this.lstripBlocks = lstripBlocks;
    }

    static List<Token> tokenize(String source, boolean trimBlocks, boolean lstripBlocks) {
        Lexer lexer = new Lexer(source, trimBlocks, lstripBlocks);
        lexer.run();
        return lexer.tokens;
    }

    /** Python's {@code '\n'.join(source.splitlines())}: every line break becomes {@code \n}, a final one is dropped. */
    private static String normalize(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private int line(int at) {
        if (at < linePos) {
            linePos = 0;
            lineNo = 1;
        }
        for (; linePos < at && linePos < src.length(); linePos++) {
            if (src.charAt(linePos) == '\n') {
                lineNo++;
            }
        }
        return lineNo;
    }

    private void run() {
        while (pos < src.length()) {
            int start = nextTagStart(pos);
            if (start < 0) {
                add(Type.TEXT, src.substring(pos), pos);
                pos = src.length();
                break;
            }
            String text = src.substring(pos, start);
            char kind = src.charAt(start + 1);
            char sign = start + 2 < src.length() ? src.charAt(start + 2) : ' ';
            Matcher raw = RAW_BEGIN.matcher(src).region(start, src.length());
            boolean isRaw = kind == '%' && raw.lookingAt();
            if (sign == '-') {
                text = Py.rstrip(text);
            } else if (sign != '+' && lstripBlocks && kind != '{') {
                int lpos = text.lastIndexOf('\n') + 1;
                if ((lpos > 0 || lineStarting) && lpos < text.length() && Py.isBlank(text.substring(lpos))) {
                    text = text.substring(0, lpos);
                }
            }
            if (!text.isEmpty()) {
                add(Type.TEXT, text, pos);
            }
            if (isRaw) {
                lexRaw(raw.end(), raw.group(2));
            } else if (kind == '#') {
                lexComment(start);
            } else {
                lexTag(start, kind == '{');
            }
        }
        // Jinja2's end-of-template token carries the line of the last token
        tokens.add(new Token(Type.EOF, "", tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line()));
    }

    private int nextTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private void lexRaw(int bodyStart, String beginSign) {
        Matcher end = RAW_END.matcher(src);
        if (!end.find(bodyStart)) {
            throw new TemplateSyntaxException("Missing end of raw directive", line(bodyStart));
        }
        int from = afterTagEnd(bodyStart, beginSign, trimBlocks);
        String body = src.substring(Math.min(from, end.start()), end.start());
        if ("-".equals(end.group(1))) {
            body = Py.rstrip(body);
        }
        if (!body.isEmpty()) {
            add(Type.TEXT, body, from);
        }
        pos = afterTagEnd(end.end(), end.group(2), trimBlocks);
    }

    private void lexComment(int start) {
        int end = src.indexOf("#}", start + 2);
        if (end < 0) {
            throw new TemplateSyntaxException("Missing end of comment tag", line(start));
        }
        String sign = src.charAt(end - 1) == '-' && end - 1 > start + 1 ? "-" : src.charAt(end - 1) == '+' ? "+" : "";
        pos = afterTagEnd(end + 2, sign, trimBlocks);
    }

    /** Where text resumes after a tag's closing delimiter: {@code -} eats whitespace, trim_blocks one line break. */
    private int afterTagEnd(int at, String sign, boolean trim) {
        int p = at;
        if ("-".equals(sign)) {
            while (p < src.length() && Py.isSpace(src.charAt(p))) {
                p++;
            }
        } else if (trim && !"+".equals(sign) && p < src.length() && src.charAt(p) == '\n') {
            p++;
        }
        lineStarting = p > at && src.charAt(p - 1) == '\n';
        return p;
    }

    private void lexTag(int start, boolean variable) {
        Type begin = variable ? Type.VAR_BEGIN : Type.BLOCK_BEGIN;
        add(begin, variable ? "{{" : "{%", start);
        pos = start + 2;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
            pos++;
        }
        String close = variable ? "}}" : "%}";
        Deque<Character> brackets = new ArrayDeque<>();
        while (true) {
            while (pos < src.length() && Py.isSpace(src.charAt(pos))) {
                pos++;
            }
            if (pos >= src.length()) {
                throw new TemplateSyntaxException("unexpected end of template, expected '"
                        + (variable ? "end of print statement" : "end of statement block") + "'.", line(start));
            }
            if (brackets.isEmpty()) {
                for (String sign : new String[] {"-", "+", ""}) {
                    if (src.startsWith(sign + close, pos) && !(variable && sign.equals("+"))) {
                        add(variable ? Type.VAR_END : Type.BLOCK_END, close, pos);
                        pos = afterTagEnd(pos + sign.length() + close.length(), sign, !variable && trimBlocks);
                        return;
                    }
                }
            }
            lexExpressionToken(brackets);
        }
    }

    private void lexExpressionToken(Deque<Character> brackets) {
        char c = src.charAt(pos);
        if (c == '\'' || c == '"') {
            lexString(c);
            return;
        }
        Matcher m = NAME.matcher(src).region(pos, src.length());
        if (m.lookingAt()) {
            add(Type.NAME, m.group(), pos);
            pos = m.end();
            return;
        }
        m = FLOAT.matcher(src).region(pos, src.length());
        if (Character.isDigit(c) && m.lookingAt()) {
            add(Type.FLOAT, m.group().replace("_", ""), pos);
            pos = m.end();
            return;
        }
        m = INTEGER.matcher(src).region(pos, src.length());
        if (Character.isDigit(c) && m.lookingAt()) {
            add(Type.INTEGER, m.group().replace("_", ""), pos);
            pos = m.end();
            return;
        }
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                balance(op, brackets);
                add(Type.OPERATOR, op, pos);
                pos += op.length();
                return;
            }
        }
        throw new TemplateSyntaxException("unexpected char '" + c + "' at " + pos, line(pos));
    }

    private void balance(String op, Deque<Character> brackets) {
        switch (op) {
            case "(" -> brackets.push(')');
            case "[" -> brackets.push(']');
            case "{" -> brackets.push('}');
            case ")", "]", "}" -> {
                if (brackets.isEmpty()) {
                    throw new TemplateSyntaxException("unexpected '" + op + "'", line(pos));
                }
                char expected = brackets.pop();
                if (expected != op.charAt(0)) {
                    throw new TemplateSyntaxException("unexpected '" + op + "', expected '" + expected + "'", line(pos));
                }
            }
            default -> { }
        }
    }

    private void lexString(char quote) {
        int start = pos;
        StringBuilder out = new StringBuilder();
        int p = pos + 1;
        while (true) {
            if (p >= src.length()) {
                throw new TemplateSyntaxException("unexpected char '" + quote + "' at " + start, line(start));
            }
            char c = src.charAt(p);
            if (c == quote) {
                break;
            }
            if (c == '\\' && p + 1 < src.length()) {
                p = unescape(p, out);
            } else {
                out.append(c);
                p++;
            }
        }
        add(Type.STRING, out.toString(), start);
        pos = p + 1;
    }

    /** Python's unicode-escape decoding of the escape at {@code p}; returns the position after it. */
    private int unescape(int p, StringBuilder out) {
        char e = src.charAt(p + 1);
        switch (e) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(e);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x', 'u', 'U' -> {
                int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                String hex = src.substring(p + 2, Math.min(src.length(), p + 2 + len));
                if (hex.length() != len || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    throw new TemplateSyntaxException("truncated \\" + e + " escape in a string", line(p));
                }
                out.appendCodePoint(Integer.parseInt(hex, 16));
                return p + 2 + len;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int q = p + 1;
                    int value = 0;
                    while (q < src.length() && q < p + 4 && src.charAt(q) >= '0' && src.charAt(q) <= '7') {
                        value = value * 8 + (src.charAt(q) - '0');
                        q++;
                    }
                    out.append((char) value);
                    return q;
                }
                out.append('\\').append(e);
            }
        }
        return p + 2;
    }

    private void add(Type type, String value, int at) {
        tokens.add(new Token(type, value, line(at)));
    }
}

package dev.kubetune.runner.jinja;

import dev.kubetune.runner.jinja.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Jinja2's statements ({@code if}, {@code for}, {@code set}, {@code macro}, …) over {@link ExpressionParser}. */
final class Parser extends ExpressionParser {

    /** The end tags each open block is looking for, innermost last (Jinja2's {@code _end_token_stack}). */
    private final List<List<String>> endStack = new ArrayList<>();
    /** The open statements' tag names, innermost last (Jinja2's {@code _tag_stack}). */
    private final List<String> tagStack = new ArrayList<>();

    Parser(List<Token> tokens) {
        super(tokens);
    }

    List<Stmt> parseTemplate() {
        List<Stmt> body = subparse(List.of());
        if (current().type() != Type.EOF) {
            throw fail("unexpected '" + current().value() + "'");
        }
        return body;
    }

    /** Statements until a block tag whose name is in {@code endTags} (left unconsumed) or the end. */
    private List<Stmt> subparse(List<String> endTags) {
        List<Stmt> body = new ArrayList<>();
        if (!endTags.isEmpty()) {
            endStack.add(endTags);
        }
        while (current().type() != Type.EOF) {
            Token t = current();
            if (t.type() == Type.TEXT) {
                body.add(new Stmt.Text(next().value(), t.line()));
            } else if (t.type() == Type.VAR_BEGIN) {
                next();
                body.add(new Stmt.Print(parseTuple(true, Set.of(), false), t.line()));
                expect(Type.VAR_END, null);
            } else if (t.type() == Type.BLOCK_BEGIN) {
                next();
                if (current().type() == Type.NAME && endTags.contains(current().value())) {
                    break;
                }
                body.add(parseStatement());
                expect(Type.BLOCK_END, null);
            } else {
                throw fail("unexpected '" + t.value() + "'");
            }
        }
        if (!endTags.isEmpty()) {
            endStack.remove(endStack.size() - 1);
        }
        return body;
    }

    /** The body of a block up to one of {@code endTags}; fails at the end of the template as Jinja2 does. */
    private List<Stmt> parseStatements(List<String> endTags, boolean dropNeedle) {
        skipOp(":");
        expect(Type.BLOCK_END, null);
        List<Stmt> body = subparse(endTags);
        if (current().type() == Type.EOF) {
            List<List<String>> stack = new ArrayList<>(endStack);
            stack.add(endTags);
            throw unknownTagOrEnd(null, stack);
        }
        if (dropNeedle) {
            next();
        }
        return body;
    }

    /** Jinja2's {@code _fail_ut_eof}: what it was looking for, and the innermost open block. */
    private TemplateSyntaxException unknownTagOrEnd(String name, List<List<String>> stack) {
        StringBuilder m = new StringBuilder(name == null ? "Unexpected end of template." : "Encountered unknown tag '" + name + "'.");
        if (!stack.isEmpty()) {
            String looking = String.join(" or ", stack.get(stack.size() - 1).stream().map(t -> "'" + t + "'").toList());
            if (name != null && stack.stream().anyMatch(tags -> tags.contains(name))) {
                m.append(" You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ")
                        .append(looking).append('.');
            } else {
                m.append(" Jinja was looking for the following tags: ").append(looking).append('.');
            }
        }
        if (!tagStack.isEmpty()) {
            m.append(" The innermost block that needs to be closed is '").append(tagStack.get(tagStack.size() - 1)).append("'.");
        }
        return fail(m.toString());
    }

    private Stmt parseStatement() {
        Token t = current();
        if (t.type() != Type.NAME) {
            throw fail("tag name expected");
        }
        tagStack.add(t.value());
        Stmt statement = statement(t);
        tagStack.remove(tagStack.size() - 1);
        return statement;
    }

    private Stmt statement(Token t) {
        int line = t.line();
        switch (t.value()) {
            case "if":
                next();
                return parseIf(line);
            case "for":
                next();
                return parseFor(line);
            case "set":
                next();
                return parseSet(line);
            case "macro":
                next();
                return parseMacro(line);
            case "filter":
                next();
                List<Expr.Filter> filters = parseFilterChain();
                return new Stmt.FilterBlock(filters, parseStatements(List.of("endfilter"), true), line);
            case "with":
                next();
                return parseWith(line);
            case "call":
                next();
                return parseCallBlock(line);
            case "generation":
                next();
                return new Stmt.Block(parseStatements(List.of("endgeneration"), true), List.of(), List.of(), line);
            case "break", "continue":
                next();
                if (!tagStack.contains("for")) {
                    throw new TemplateSyntaxException("'" + t.value() + "' not inside a loop", line);
                }
                return new Stmt.Control(t.value().equals("break"), line);
            default:
                tagStack.remove(tagStack.size() - 1);
                throw unknownTagOrEnd(t.value(), endStack);
        }
    }

    private Stmt parseIf(int line) {
        List<Expr> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        tests.add(parseTuple(false, Set.of(), false));
        while (true) {
            bodies.add(parseStatements(List.of("elif", "else", "endif"), false));
            String tag = next().value();
            if (tag.equals("elif")) {
                tests.add(parseTuple(false, Set.of(), false));
            } else {
                if (tag.equals("else")) {
                    otherwise = parseStatements(List.of("endif"), true);
                }
                break;
            }
        }
        return new Stmt.If(tests, bodies, otherwise, line);
    }

    private Stmt parseFor(int line) {
        Stmt.Target target = parseTarget(false, "in");
        expect(Type.NAME, "in");
        Expr items = parseTuple(false, Set.of("recursive"), false);
        stored.addAll(target.names());
        Expr filter = skipName("if") ? parseExpression(true) : null;
        if (current().isName("recursive")) {
            throw fail("recursive loops are not supported");
        }
        List<Stmt> body = parseStatements(List.of("endfor", "else"), false);
        List<Stmt> otherwise = List.of();
        if (next().value().equals("else")) {
            otherwise = parseStatements(List.of("endfor"), true);
        }
        return new Stmt.For(target, items, filter, body, otherwise, line);
    }

    private Stmt parseSet(int line) {
        Stmt.Target target = parseTarget(true, null);
        if (skipOp("=")) {
            Expr value = parseTuple(true, Set.of(), false);
            stored.addAll(target.attribute() == null ? target.names() : List.of());
            return new Stmt.Set(target, value, line);
        }
        List<Expr.Filter> filters = current().isOp("|") ? parseFilterChain() : List.of();
        List<Stmt> body = parseStatements(List.of("endset"), true);
        stored.addAll(target.attribute() == null ? target.names() : List.of());
        return new Stmt.SetBlock(target, body, filters, line);
    }

    private Stmt parseMacro(int line) {
        String name = expect(Type.NAME, null).value();
        stored.add(name);
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        parseSignature(params, defaults);
        return new Stmt.Macro(name, params, defaults, parseStatements(List.of("endmacro"), true), line);
    }

    private Stmt parseCallBlock(int line) {
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (current().isOp("(")) {
            parseSignature(params, defaults);
        }
        if (!(parseExpression(true) instanceof Expr.Call call)) {
            throw new TemplateSyntaxException("expected call", line);
        }
        return new Stmt.CallBlock(call, params, defaults, parseStatements(List.of("endcall"), true), line);
    }

    /** {@code (a, b=1)}: parameter names and the defaults of the last ones. */
    private void parseSignature(List<String> params, List<Expr> defaults) {
        expect(Type.OPERATOR, "(");
        while (!current().isOp(")")) {
            if (!params.isEmpty()) {
                expect(Type.OPERATOR, ",");
            }
            String param = expect(Type.NAME, null).value();
            params.add(param);
            stored.add(param);
            if (skipOp("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw fail("non-default argument follows default argument");
            }
        }
        next();
    }

    private Stmt parseWith(int line) {
        List<Stmt.Target> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (current().type() != Type.BLOCK_END) {
            if (!targets.isEmpty()) {
                expect(Type.OPERATOR, ",");
            }
            targets.add(parseTarget(false, null));
            expect(Type.OPERATOR, "=");
            values.add(parseExpression(true));
            stored.addAll(targets.get(targets.size() - 1).names());
        }
        return new Stmt.Block(parseStatements(List.of("endwith"), true), targets, values, line);
    }

    /** A name, names to unpack ({@code a, b}), or with {@code namespaceAllowed} a namespace attribute ({@code ns.x}). */
    private Stmt.Target parseTarget(boolean namespaceAllowed, String endName) {
        if (current().type() != Type.NAME && !current().isOp("(")) {
            throw fail("Expected an expression, got " + current().describe());
        }
        if (namespaceAllowed && current().type() == Type.NAME && peek().isOp(".")) {
            String ns = next().value();
            next();
            if (!stored.contains(ns)) {
                undeclared.add(ns);
            }
            return new Stmt.Target(List.of(ns), false, expect(Type.NAME, null).value());
        }
        List<String> names = new ArrayList<>();
        boolean parenthesized = skipOp("(");
        boolean unpack = false;
        while (true) {
            names.add(expect(Type.NAME, null).value());
            if (!current().isOp(",")) {
                break;
            }
            next();
            unpack = true;
            if (current().isOp(")") || (endName != null && current().isName(endName))) {
                break;
            }
        }
        if (parenthesized) {
            expect(Type.OPERATOR, ")");
        }
        return new Stmt.Target(names, unpack, null);
    }

}

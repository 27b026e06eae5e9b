package dev.kubetune.runner.jinja;

import dev.kubetune.runner.jinja.Expr.Arguments;
import dev.kubetune.runner.jinja.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Jinja2's grammar (its parser.py, rule for rule): statements, then expressions by precedence
 * (conditional, or, and, not, comparisons, + -, ~, * / // %, **, unary, postfix, filters and tests).
 * Also records which variables the template reads and assigns.
 */
final class Parser {

    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int at;
    private final List<String> openBlocks = new ArrayList<>();
    /** Variables read before anything in the template assigned them, in order of first use. */
    final Set<String> undeclared = new LinkedHashSet<>();
    private final Set<String> stored = new LinkedHashSet<>();

    Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    List<Stmt> parseTemplate() {
        List<Stmt> body = subparse(Set.of());
        if (current().type() != Type.EOF) {
            throw fail("unexpected '" + current().value() + "'");
        }
        return body;
    }

    private Token current() {
        return tokens.get(at);
    }

    private Token peek() {
        return tokens.get(Math.min(at + 1, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (at < tokens.size() - 1) {
            at++;
        }
        return t;
    }

    private TemplateSyntaxException fail(String message) {
        return new TemplateSyntaxException(message, current().line());
    }

    private Token expect(Type type, String value) {
        Token t = current();
        if (t.type() != type || (value != null && !t.value().equals(value))) {
            String wanted = value != null ? "'" + value + "'" : switch (type) {
                case NAME -> "name";
                case BLOCK_END -> "end of statement block";
                case VAR_END -> "end of print statement";
                default -> type.toString().toLowerCase();
            };
            if (t.type() == Type.EOF) {
                throw fail("unexpected end of template, expected " + wanted + ".");
            }
            throw fail("expected token " + wanted + ", got " + t.describe());
        }
        return next();
    }

    private boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    private boolean skipOp(String op) {
        if (current().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    /** Statements until a block tag whose name is in {@code endTags} (left unconsumed) or the end. */
    private List<Stmt> subparse(Set<String> endTags) {
        List<Stmt> body = new ArrayList<>();
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
                    return body;
                }
                body.add(parseStatement());
                expect(Type.BLOCK_END, null);
            } else {
                throw fail("unexpected '" + t.value() + "'");
            }
        }
        return body;
    }

    /** The body of a block up to one of {@code endTags}; fails at the end of the template as Jinja2 does. */
    private List<Stmt> parseStatements(String block, Set<String> endTags, boolean dropNeedle) {
        skipOp(":");
        expect(Type.BLOCK_END, null);
        openBlocks.add(block);
        List<Stmt> body = subparse(endTags);
        if (current().type() == Type.EOF) {
            throw fail("Unexpected end of template. Jinja was looking for the following tags: "
                    + String.join(" or ", endTags.stream().sorted().map(t -> "'" + t + "'").toList())
                    + ". The innermost block that needs to be closed is '" + block + "'.");
        }
        openBlocks.remove(openBlocks.size() - 1);
        if (dropNeedle) {
            next();
        }
        return body;
    }

    private Stmt parseStatement() {
        Token t = current();
        if (t.type() != Type.NAME) {
            throw fail("tag name expected");
        }
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
                return new Stmt.FilterBlock(filters, parseStatements("filter", Set.of("endfilter"), true), line);
            case "with":
                next();
                return parseWith(line);
            case "generation":
                next();
                return new Stmt.Block(parseStatements("generation", Set.of("endgeneration"), true), List.of(), List.of(), line);
            case "break", "continue":
                next();
                if (!openBlocks.contains("for")) {
                    throw new TemplateSyntaxException("'" + t.value() + "' not inside a loop", line);
                }
                return new Stmt.Control(t.value().equals("break"), line);
            default:
                break;
        }
        String hint = openBlocks.isEmpty() ? "" : " Jinja was looking for the following tags: the end of '"
                + openBlocks.get(openBlocks.size() - 1) + "'.";
        throw fail("Encountered unknown tag '" + t.value() + "'." + hint);
    }

    private Stmt parseIf(int line) {
        List<Expr> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        tests.add(parseTuple(false, Set.of(), false));
        while (true) {
            bodies.add(parseStatements("if", Set.of("elif", "else", "endif"), false));
            String tag = next().value();
            if (tag.equals("elif")) {
                tests.add(parseTuple(false, Set.of(), false));
            } else {
                if (tag.equals("else")) {
                    otherwise = parseStatements("if", Set.of("endif"), true);
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
        List<Stmt> body = parseStatements("for", Set.of("endfor", "else"), false);
        List<Stmt> otherwise = List.of();
        if (next().value().equals("else")) {
            otherwise = parseStatements("for", Set.of("endfor"), true);
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
        List<Stmt> body = parseStatements("set", Set.of("endset"), true);
        stored.addAll(target.attribute() == null ? target.names() : List.of());
        return new Stmt.SetBlock(target, body, filters, line);
    }

    private Stmt parseMacro(int line) {
        String name = expect(Type.NAME, null).value();
        stored.add(name);
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
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
        return new Stmt.Macro(name, params, defaults, parseStatements("macro", Set.of("endmacro"), true), line);
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
        return new Stmt.Block(parseStatements("with", Set.of("endwith"), true), targets, values, line);
    }

    /** A name, names to unpack ({@code a, b}), or with {@code namespaceAllowed} a namespace attribute ({@code ns.x}). */
    private Stmt.Target parseTarget(boolean namespaceAllowed, String endName) {
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

    private List<Expr.Filter> parseFilterChain() {
        List<Expr.Filter> filters = new ArrayList<>();
        Expr value = new Expr.Const(null);
        do {
            Expr.Filter f = parseFilter(value);
            filters.add(f);
            value = f;
        } while (skipOp("|"));
        return filters;
    }

    /** Expressions separated by commas make a tuple; {@code explicitParens} allows the empty {@code ()}. */
    private Expr parseTuple(boolean withCondition, Set<String> extraEnd, boolean explicitParens) {
        List<Expr> items = new ArrayList<>();
        boolean tuple = false;
        while (true) {
            if (!items.isEmpty()) {
                expect(Type.OPERATOR, ",");
            }
            Token t = current();
            if (t.type() == Type.VAR_END || t.type() == Type.BLOCK_END || t.isOp(")")
                    || (t.type() == Type.NAME && extraEnd.contains(t.value()))) {
                break;
            }
            items.add(parseExpression(withCondition));
            if (current().isOp(",")) {
                tuple = true;
            } else {
                break;
            }
        }
        if (!tuple) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicitParens) {
                throw fail("Expected an expression, got " + current().describe());
            }
        }
        return new Expr.ListLiteral(items, true);
    }

    private Expr parseExpression(boolean withCondition) {
        Expr e = parseOr();
        while (withCondition && skipName("if")) {
            Expr test = parseOr();
            Expr otherwise = skipName("else") ? parseExpression(true) : null;
            e = new Expr.Conditional(test, e, otherwise);
        }
        return e;
    }

    private Expr parseOr() {
        Expr e = parseAnd();
        while (skipName("or")) {
            e = new Expr.Binary("or", e, parseAnd());
        }
        return e;
    }

    private Expr parseAnd() {
        Expr e = parseNot();
        while (skipName("and")) {
            e = new Expr.Binary("and", e, parseNot());
        }
        return e;
    }

    private Expr parseNot() {
        if (skipName("not")) {
            return new Expr.Unary("not", parseNot());
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        Expr first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (true) {
            Token t = current();
            if (t.type() == Type.OPERATOR && COMPARE.contains(t.value())) {
                next();
                ops.add(t.value());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && peek().isName("in")) {
                next();
                next();
                ops.add("not in");
            } else {
                break;
            }
            operands.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(first, ops, operands);
    }

    private Expr parseMath1() {
        Expr e = parseConcat();
        while (current().isOp("+") || current().isOp("-")) {
            String op = next().value();
            e = new Expr.Binary(op, e, parseConcat());
        }
        return e;
    }

    private Expr parseConcat() {
        Expr e = parseMath2();
        while (skipOp("~")) {
            e = new Expr.Binary("~", e, parseMath2());
        }
        return e;
    }

    private Expr parseMath2() {
        Expr e = parsePow();
        while (current().isOp("*") || current().isOp("/") || current().isOp("//") || current().isOp("%")) {
            String op = next().value();
            e = new Expr.Binary(op, e, parsePow());
        }
        return e;
    }

    private Expr parsePow() {
        Expr e = parseUnary(true);
        while (skipOp("**")) {
            e = new Expr.Binary("**", e, parseUnary(true));
        }
        return e;
    }

    private Expr parseUnary(boolean withFilter) {
        Expr e;
        if (current().isOp("-") || current().isOp("+")) {
            String op = next().value();
            e = new Expr.Unary(op, parseUnary(false));
        } else {
            e = parsePrimary();
        }
        e = parsePostfix(e);
        return withFilter ? parseFilterExpr(e) : e;
    }

    private Expr parsePrimary() {
        Token t = next();
        switch (t.type()) {
            case NAME:
                return switch (t.value()) {
                    case "true", "True" -> new Expr.Const(true);
                    case "false", "False" -> new Expr.Const(false);
                    case "none", "None" -> new Expr.Const(null);
                    default -> {
                        if (!stored.contains(t.value())) {
                            undeclared.add(t.value());
                        }
                        yield new Expr.Name(t.value());
                    }
                };
            case STRING:
                StringBuilder s = new StringBuilder(t.value());
                while (current().type() == Type.STRING) {
                    s.append(next().value());
                }
                return new Expr.Const(s.toString());
            case INTEGER:
                return new Expr.Const(integer(t.value()));
            case FLOAT:
                return new Expr.Const(Double.parseDouble(t.value()));
            case OPERATOR:
                if (t.value().equals("(")) {
                    Expr e = parseTuple(true, Set.of(), true);
                    expect(Type.OPERATOR, ")");
                    return e;
                }
                if (t.value().equals("[")) {
                    List<Expr> items = new ArrayList<>();
                    while (!current().isOp("]")) {
                        if (!items.isEmpty()) {
                            expect(Type.OPERATOR, ",");
                            if (current().isOp("]")) {
                                break;
                            }
                        }
                        items.add(parseExpression(true));
                    }
                    next();
                    return new Expr.ListLiteral(items, false);
                }
                if (t.value().equals("{")) {
                    List<Expr> keys = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    while (!current().isOp("}")) {
                        if (!keys.isEmpty()) {
                            expect(Type.OPERATOR, ",");
                            if (current().isOp("}")) {
                                break;
                            }
                        }
                        keys.add(parseExpression(true));
                        expect(Type.OPERATOR, ":");
                        values.add(parseExpression(true));
                    }
                    next();
                    return new Expr.DictLiteral(keys, values);
                }
                break;
            default:
                break;
        }
        at--;
        throw fail("unexpected " + (t.type() == Type.OPERATOR ? "'" + t.value() + "'" : t.describe()));
    }

    private static long integer(String text) {
        String t = text.toLowerCase();
        if (t.startsWith("0x")) {
            return Long.parseLong(t.substring(2), 16);
        }
        if (t.startsWith("0o")) {
            return Long.parseLong(t.substring(2), 8);
        }
        if (t.startsWith("0b")) {
            return Long.parseLong(t.substring(2), 2);
        }
        return Long.parseLong(t);
    }

    private Expr parsePostfix(Expr e) {
        while (true) {
            if (current().isOp(".")) {
                next();
                Token name = next();
                if (name.type() == Type.NAME) {
                    e = new Expr.Getattr(e, name.value());
                } else if (name.type() == Type.INTEGER) {
                    e = new Expr.Getitem(e, new Expr.Const(integer(name.value())));
                } else {
                    at--;
                    throw fail("expected name or number");
                }
            } else if (current().isOp("[")) {
                next();
                List<Expr> keys = new ArrayList<>();
                while (!current().isOp("]")) {
                    if (!keys.isEmpty()) {
                        expect(Type.OPERATOR, ",");
                    }
                    keys.add(parseSubscribed());
                }
                next();
                e = new Expr.Getitem(e, keys.size() == 1 ? keys.get(0) : new Expr.ListLiteral(keys, true));
            } else if (current().isOp("(")) {
                e = new Expr.Call(e, parseCallArguments());
            } else {
                return e;
            }
        }
    }

    private Expr parseSubscribed() {
        Expr start = null;
        if (!current().isOp(":")) {
            start = parseExpression(true);
            if (!current().isOp(":")) {
                return start;
            }
        }
        next();
        Expr stop = current().isOp("]") || current().isOp(",") || current().isOp(":") ? null : parseExpression(true);
        Expr step = null;
        if (skipOp(":")) {
            step = current().isOp("]") || current().isOp(",") ? null : parseExpression(true);
        }
        return new Expr.Slice(start, stop, step);
    }

    private Arguments parseCallArguments() {
        expect(Type.OPERATOR, "(");
        List<Expr> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Expr> keywords = new ArrayList<>();
        while (!current().isOp(")")) {
            if (!positional.isEmpty() || !names.isEmpty()) {
                expect(Type.OPERATOR, ",");
                if (current().isOp(")")) {
                    break;
                }
            }
            if (current().isOp("*") || current().isOp("**")) {
                throw fail("*args and **kwargs in calls are not supported");
            }
            if (current().type() == Type.NAME && peek().isOp("=")) {
                names.add(next().value());
                next();
                keywords.add(parseExpression(true));
            } else {
                if (!names.isEmpty()) {
                    throw fail("invalid syntax for function call expression");
                }
                positional.add(parseExpression(true));
            }
        }
        next();
        return new Arguments(positional, names, keywords);
    }

    private Expr parseFilterExpr(Expr e) {
        while (true) {
            if (current().isOp("|")) {
                next();
                e = parseFilter(e);
            } else if (current().isName("is")) {
                e = parseTest(e);
            } else if (current().isOp("(")) {
                e = new Expr.Call(e, parseCallArguments());
            } else {
                return e;
            }
        }
    }

    private Expr.Filter parseFilter(Expr value) {
        skipOp("|");
        Token name = expect(Type.NAME, null);
        if (!Filters.NAMES.contains(name.value())) {
            throw new TemplateSyntaxException("No filter named '" + name.value() + "'.", name.line());
        }
        Arguments args = current().isOp("(") ? parseCallArguments() : Arguments.NONE;
        return new Expr.Filter(value, name.value(), args);
    }

    private Expr parseTest(Expr value) {
        next();
        boolean negated = skipName("not");
        Token name = expect(Type.NAME, null);
        if (!Tests.NAMES.contains(name.value())) {
            throw new TemplateSyntaxException("No test named '" + name.value() + "'.", name.line());
        }
        Arguments args = Arguments.NONE;
        Token t = current();
        if (t.isOp("(")) {
            args = parseCallArguments();
        } else if ((t.type() == Type.NAME || t.type() == Type.STRING || t.type() == Type.INTEGER || t.type() == Type.FLOAT
                || t.isOp("[") || t.isOp("{")) && !t.isName("else") && !t.isName("or") && !t.isName("and")) {
            if (t.isName("is")) {
                throw fail("You cannot chain multiple tests with is");
            }
            args = new Arguments(List.of(parsePostfix(parsePrimary())), List.of(), List.of());
        }
        Expr test = new Expr.Test(value, name.value(), args);
        return negated ? new Expr.Unary("not", test) : test;
    }
}

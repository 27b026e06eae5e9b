package dev.kubetune.runner.jinja;

import dev.kubetune.runner.jinja.Expr.Arguments;
import dev.kubetune.runner.jinja.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The token cursor and Jinja2's expression grammar (its parser.py, rule for rule): conditional, or,
 * and, not, comparisons, + -, ~, * / // %, **, unary, postfix, filters and tests. Also records which
 * variables the template reads before assigning them.
 */
class ExpressionParser {

    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int at;
    /** Variables read before anything in the template assigned them, in order of first use. */
    final Set<String> undeclared = new LinkedHashSet<>();
    final Set<String> stored = new LinkedHashSet<>();

    ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token current() {
        return tokens.get(at);
    }

    Token peek() {
        return tokens.get(Math.min(at + 1, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (at < tokens.size() - 1) {
            at++;
        }
        return t;
    }

    TemplateSyntaxException fail(String message) {
        return new TemplateSyntaxException(message, current().line());
    }

    Token expect(Type type, String value) {
        Token t = current();
        if (t.type() != type || (value != null && !t.value().equals(value))) {
            String wanted = "'" + (value != null ? value : switch (type) {
                case NAME -> "name";
                case BLOCK_END -> "end of statement block";
                case VAR_END -> "end of print statement";
                default -> type.toString().toLowerCase();
            }) + "'";
            if (t.type() == Type.EOF) {
                throw fail("unexpected end of template, expected " + wanted + ".");
            }
            throw fail("expected token " + wanted + ", got " + t.describe());
        }
        return next();
    }

    boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    boolean skipOp(String op) {
        if (current().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    List<Expr.Filter> parseFilterChain() {
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
    Expr parseTuple(boolean withCondition, Set<String> extraEnd, boolean explicitParens) {
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

    Expr parseExpression(boolean withCondition) {
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
        return parseBinary(Set.of("+", "-"), this::parseConcat);
    }

    private Expr parseConcat() {
        return parseBinary(Set.of("~"), this::parseMath2);
    }

    private Expr parseMath2() {
        return parseBinary(Set.of("*", "/", "//", "%"), this::parsePow);
    }

    private Expr parsePow() {
        return parseBinary(Set.of("**"), () -> parseUnary(true));
    }

    /** One precedence level of left-associative binary operators. */
    private Expr parseBinary(Set<String> ops, java.util.function.Supplier<Expr> operand) {
        Expr e = operand.get();
        while (current().type() == Type.OPERATOR && ops.contains(current().value())) {
            String op = next().value();
            e = new Expr.Binary(op, e, operand.get());
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
        Expr spread = null;
        Expr spreadKeywords = null;
        while (!current().isOp(")")) {
            if (!positional.isEmpty() || !names.isEmpty() || spread != null || spreadKeywords != null) {
                expect(Type.OPERATOR, ",");
                if (current().isOp(")")) {
                    break;
                }
            }
            if (current().isOp("*") || current().isOp("**")) {
                boolean keywordSpread = next().value().equals("**");
                if (keywordSpread) {
                    spreadKeywords = parseExpression(true);
                } else {
                    spread = parseExpression(true);
                }
                continue;
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
        return new Arguments(positional, names, keywords, spread, spreadKeywords);
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

    Expr.Filter parseFilter(Expr value) {
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
            args = new Arguments(List.of(parsePostfix(parsePrimary())), List.of(), List.of(), null, null);
        }
        Expr test = new Expr.Test(value, name.value(), args);
        return negated ? new Expr.Unary("not", test) : test;
    }
}

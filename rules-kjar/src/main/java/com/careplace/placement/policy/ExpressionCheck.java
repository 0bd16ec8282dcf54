package com.careplace.placement.policy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks one expression that Drools evaluates with MVEL (a pattern constraint, a {@code from}
 * source, an accumulate argument, an {@code eval}) against {@link AllowedApi}, with static types.
 *
 * <p>MVEL is a whole language (loops, assignments, {@code new}, inline collections, projections,
 * regular expressions); this accepts only a small, fully understood subset of it: literals, fields
 * and getters, method calls, comparisons, {@code in}/{@code contains}/{@code memberOf}/
 * {@code instanceof}, arithmetic and logic. Every chain starts at something with a known type (the
 * pattern's fact, a bound variable, an allowed class), and every member on the way must be allowed
 * for that type, for every overload MVEL could pick. Anything outside the subset is refused, not
 * guessed at.
 */
final class ExpressionCheck {

    /** Why an expression is refused, and where in its text. */
    static final class Refusal extends RuntimeException {
        final int offset;

        Refusal(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /**
     * What an expression can see.
     *
     * @param patternType the fact type the constraint is on ({@code null} outside a pattern)
     * @param bindings    variables bound earlier in the rule, with their types ({@code null}: unknown)
     * @param classes     resolves a simple or qualified class name as the DRL's imports do
     */
    record Scope(Class<?> patternType, Map<String, Class<?>> bindings, Function<String, Optional<Class<?>>> classes) {
    }

    private record Token(String text, int offset, Kind kind) {
        enum Kind { IDENT, NUMBER, STRING, SYMBOL, END }
    }

    private static final Set<String> SYMBOLS = Set.of("==", "!=", "<=", ">=", "&&", "||", ":=", "<", ">", "!", "+",
            "-", "*", "/", "%", "(", ")", ",", ".", ":");
    private static final Set<String> RELATIONAL = Set.of("==", "!=", "<=", ">=", "<", ">");
    /** The type of arithmetic and of overloads returning different numbers: a value, nothing is called on it. */
    private static final Class<?> NUMBER = double.class;

    /** Reflection is the slow part of a check; the allowed types are few and never change. */
    private static final Map<Class<?>, Method[]> METHODS = new java.util.concurrent.ConcurrentHashMap<>();

    private final String text;
    private final List<Token> tokens;
    private final Scope scope;
    private int next;

    private ExpressionCheck(String text, Scope scope) {
        this.text = text;
        this.tokens = tokenize(text);
        this.scope = scope;
    }

    /**
     * Checks {@code text} as a constraint or expression.
     *
     * @return the binding it declares ({@code $name : expression}) with the expression's type, if any
     * @throws Refusal with the offset of the offending part
     */
    static Optional<Map.Entry<String, Class<?>>> check(String text, Scope scope) {
        return new ExpressionCheck(text, scope).constraint();
    }

    private Optional<Map.Entry<String, Class<?>>> constraint() {
        Optional<Map.Entry<String, Class<?>>> binding = Optional.empty();
        do {
            Token first = peek();
            if (first.kind() == Token.Kind.IDENT && (peek(1).text().equals(":") || peek(1).text().equals(":="))) {
                next += 2;
                Class<?> type = or();
                binding = Optional.of(Map.entry(first.text(), type == null ? Object.class : type));
            } else {
                or();
            }
        } while (accept(","));
        Token end = peek();
        if (end.kind() != Token.Kind.END) {
            throw unchecked(end);
        }
        return binding;
    }

    private Class<?> or() {
        return logical("||", this::and);
    }

    private Class<?> and() {
        return logical("&&", this::relational);
    }

    /** {@code a || b}, {@code a && b}, and DRL's abbreviated {@code age > 3 && < 10}. */
    private Class<?> logical(String operator, java.util.function.Supplier<Class<?>> operand) {
        Class<?> left = operand.get();
        while (accept(operator)) {
            if (RELATIONAL.contains(peek().text())) {
                next++;
                additive();
            } else {
                operand.get();
            }
            left = boolean.class;
        }
        return left;
    }

    private Class<?> relational() {
        Class<?> left = additive();
        Token operator = peek();
        if (RELATIONAL.contains(operator.text())) {
            next++;
            additive();
            return boolean.class;
        }
        boolean negated = operator.text().equals("not") && operator.kind() == Token.Kind.IDENT;
        Token keyword = negated ? peek(1) : operator;
        if (keyword.kind() != Token.Kind.IDENT) {
            return left;
        }
        switch (keyword.text()) {
            case "in" -> {
                next += negated ? 2 : 1;
                expect("(");
                do {
                    additive();
                } while (accept(","));
                expect(")");
                return boolean.class;
            }
            case "contains", "memberOf", "excludes" -> {
                next += negated ? 2 : 1;
                additive();
                return boolean.class;
            }
            case "instanceof" -> {
                next++;
                Token type = expectIdent();
                String name = qualifiedName(type);
                Optional<Class<?>> resolved = scope.classes().apply(name);
                if (resolved.isEmpty() || !AllowedApi.isAllowedType(resolved.get())) {
                    throw notAllowed(name, type.offset());
                }
                return boolean.class;
            }
            case "matches", "soundslike", "str" -> throw new Refusal("`" + keyword.text() + "` is not allowed in rules:"
                    + " regular expressions and string operators can run without end; use startsWith, endsWith or contains",
                    keyword.offset());
            default -> {
                if (negated) {
                    throw unchecked(keyword); // `not` before anything but in/contains/memberOf/excludes
                }
                return left;
            }
        }
    }

    private Class<?> additive() {
        Class<?> left = multiplicative();
        while (peek().text().equals("+") || peek().text().equals("-")) {
            boolean plus = next().text().equals("+");
            Class<?> right = multiplicative();
            left = plus && (left == String.class || right == String.class) ? String.class : NUMBER;
        }
        return left;
    }

    private Class<?> multiplicative() {
        Class<?> left = unary();
        while (peek().text().equals("*") || peek().text().equals("/") || peek().text().equals("%")) {
            next();
            unary();
            left = NUMBER;
        }
        return left;
    }

    private Class<?> unary() {
        if (accept("!")) {
            unary();
            return boolean.class;
        }
        if (accept("-") || accept("+")) {
            unary();
            return NUMBER;
        }
        return postfix(primary());
    }

    /** A value and the text that produced it, for messages. */
    private record Value(Class<?> type, boolean isClass, int start) {
    }

    private Value primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER -> {
                return new Value(NUMBER, false, token.offset());
            }
            case STRING -> {
                return new Value(String.class, false, token.offset());
            }
            case SYMBOL -> {
                if (token.text().equals("(")) {
                    Class<?> inner = or();
                    expect(")");
                    return new Value(inner, false, token.offset());
                }
                throw unchecked(token);
            }
            case END -> throw new Refusal("The expression ends too early", token.offset());
            default -> {
                return identifier(token);
            }
        }
    }

    private Value identifier(Token token) {
        String name = token.text();
        switch (name) {
            case "true", "false" -> {
                return new Value(boolean.class, false, token.offset());
            }
            case "null" -> {
                return new Value(null, false, token.offset());
            }
            case "this" -> {
                return new Value(scope.patternType(), false, token.offset());
            }
            case "new" -> throw new Refusal("Creating objects (`new`) is not allowed in a condition", token.offset());
            default -> { }
        }
        if (scope.bindings().containsKey(name)) {
            return new Value(scope.bindings().get(name), false, token.offset());
        }
        if (name.startsWith("$")) {
            throw new Refusal("`" + name + "` is not bound before it is used here", token.offset());
        }
        Class<?> pattern = scope.patternType();
        if (peek().text().equals("(")) {
            if (pattern == null) {
                throw notAllowed(name + "(…)", token.offset());
            }
            return new Value(call(pattern, name, false, token), false, token.offset());
        }
        if (pattern != null) {
            Optional<Class<?>> property = property(pattern, name, token);
            if (property.isPresent()) {
                if (scope.classes().apply(name).isPresent()) {
                    throw new Refusal("`" + name + "` is both a field and a class here: write this." + name
                            + " or the class's full name", token.offset());
                }
                return new Value(property.get(), false, token.offset());
            }
        }
        // A class, simple or qualified (java.lang.Math, com.careplace.placement.LevelOfCare).
        StringBuilder qualified = new StringBuilder(name);
        int lookahead = 0;
        while (true) {
            Optional<Class<?>> type = scope.classes().apply(qualified.toString());
            if (type.isPresent()) {
                next += lookahead;
                if (!AllowedApi.isAllowedType(type.get())) {
                    Token member = peek().text().equals(".") ? peek(1) : null;
                    throw notAllowed(qualified + (member == null ? "" : "." + member.text()), token.offset());
                }
                return new Value(type.get(), true, token.offset());
            }
            if (peek(lookahead).text().equals(".") && peek(lookahead + 1).kind() == Token.Kind.IDENT) {
                qualified.append('.').append(peek(lookahead + 1).text());
                lookahead += 2;
            } else {
                break;
            }
        }
        if (pattern != null && AllowedApi.FACT_MODEL.contains(pattern) && !peek().text().equals(".")) {
            return new Value(null, false, token.offset()); // a misspelt field: the compiler names it
        }
        throw new Refusal("`" + name + "` is not a field of " + (pattern == null ? "this expression" : pattern.getSimpleName())
                + ", a bound variable or a class of the clinical fact model", token.offset());
    }

    private Class<?> postfix(Value value) {
        Class<?> type = value.type();
        boolean isClass = value.isClass();
        while (accept(".")) {
            Token member = expectIdent();
            if (member.text().equals("class")) {
                throw new Refusal("Class objects (`" + (type == null ? "" : type.getSimpleName()) + ".class`) are not"
                        + " allowed in rules", value.start());
            }
            if (type == null || type == NUMBER || type.isPrimitive()) {
                throw new Refusal("`." + member.text() + "` cannot be checked here: the type of what comes before it"
                        + " is not known", member.offset());
            }
            try {
                if (peek().text().equals("(")) {
                    type = call(type, member.text(), isClass, member);
                } else {
                    Class<?> owner = type;
                    type = isClass ? staticMember(owner, member)
                            : property(owner, member.text(), member)
                            .orElseGet(() -> misspelt(owner, owner.getSimpleName() + "." + member.text(), member));
                }
            } catch (Refusal refusal) {
                // Point at the start of `Integer.getInteger`, as the message names it, not at its last part.
                throw refusal.offset == member.offset() ? new Refusal(refusal.getMessage(), value.start()) : refusal;
            }
            isClass = false;
        }
        if (isClass) {
            // MVEL would make `Payer` or `(Payer)` the Class object itself: reflection, class loading, instantiation.
            throw new Refusal("A class name (`" + type.getSimpleName() + "`) can only be used to reach its constants"
                    + " and methods, not as a value", value.start());
        }
        return type;
    }

    private Class<?> staticMember(Class<?> owner, Token member) {
        for (Field field : owner.getFields()) {
            if (field.getName().equals(member.text()) && Modifier.isStatic(field.getModifiers())) {
                if (!AllowedApi.isAllowedField(owner, field)) {
                    throw notAllowed(owner.getSimpleName() + "." + member.text(), member.offset());
                }
                return field.getType();
            }
        }
        return misspelt(owner, owner.getSimpleName() + "." + member.text(), member);
    }

    /**
     * A member the type does not have. On a fact-model type (final records and enums: nothing at run time
     * can have more members) it can reach nothing, so the compiler reports the misspelling in its own
     * words ({@code cannot resolve Payer.MEDICAD}); the result's type is unknown, so nothing chains on it.
     * On a JDK type the value's class at run time might have such a member: refused.
     */
    private static Class<?> misspelt(Class<?> owner, String what, Token at) {
        if (AllowedApi.FACT_MODEL.contains(owner)) {
            return null;
        }
        throw notAllowed(what, at.offset());
    }

    /** A getter, record accessor or public field; every candidate MVEL might pick must be allowed. */
    private static Optional<Class<?>> property(Class<?> owner, String name, Token at) {
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        List<Class<?>> types = new ArrayList<>();
        for (String candidate : List.of("get" + capitalised, "is" + capitalised, name)) {
            try {
                Method getter = owner.getMethod(candidate);
                if (Modifier.isStatic(getter.getModifiers())) {
                    continue;
                }
                if (!AllowedApi.isAllowedMember(owner, candidate, "()")) {
                    throw notAllowed(owner.getSimpleName() + "." + name, at.offset());
                }
                types.add(getter.getReturnType());
            } catch (NoSuchMethodException e) {
                // not this spelling
            }
        }
        try {
            Field field = owner.getField(name);
            if (!Modifier.isStatic(field.getModifiers())) {
                if (!AllowedApi.isAllowedField(owner, field)) {
                    throw notAllowed(owner.getSimpleName() + "." + name, at.offset());
                }
                types.add(field.getType());
            }
        } catch (NoSuchFieldException e) {
            // no public field of that name
        }
        if (types.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(types.stream().distinct().count() == 1 ? types.getFirst() : NUMBER);
    }

    private Class<?> call(Class<?> owner, String name, boolean isStatic, Token at) {
        expect("(");
        int arguments = 0;
        if (!accept(")")) {
            do {
                or();
                arguments++;
            } while (accept(","));
            expect(")");
        }
        int count = arguments;
        List<Method> candidates = Arrays.stream(METHODS.computeIfAbsent(owner, Class::getMethods))
                .filter(m -> m.getName().equals(name))
                .filter(m -> m.getParameterCount() == count || m.isVarArgs() && count >= m.getParameterCount() - 1)
                .filter(m -> !isStatic || Modifier.isStatic(m.getModifiers()))
                .toList();
        if (candidates.isEmpty()) {
            return misspelt(owner, owner.getSimpleName() + "." + name, at);
        }
        for (Method candidate : candidates) {
            if (!AllowedApi.isAllowedMember(owner, name, AllowedApi.parameters(candidate))
                    || Arrays.stream(candidate.getParameterTypes()).anyMatch(ExpressionCheck::isCallback)) {
                throw notAllowed(owner.getSimpleName() + "." + name, at.offset());
            }
        }
        List<Class<?>> returns = candidates.stream().<Class<?>>map(Method::getReturnType).distinct().toList();
        return returns.size() == 1 ? returns.getFirst() : NUMBER;
    }

    /** A parameter that takes code (a lambda, a Class, a method handle) would let data become code. */
    private static boolean isCallback(Class<?> parameter) {
        return parameter == Class.class || parameter.isAnnotationPresent(FunctionalInterface.class)
                || parameter.getName().startsWith("java.lang.invoke.");
    }

    private String qualifiedName(Token first) {
        StringBuilder name = new StringBuilder(first.text());
        while (peek().text().equals(".") && peek(1).kind() == Token.Kind.IDENT) {
            next++;
            name.append('.').append(next().text());
        }
        return name.toString();
    }

    private static Refusal notAllowed(String what, int offset) {
        return new Refusal("Rules may only use the clinical fact model: `" + what + "` is not allowed here", offset);
    }

    private Refusal unchecked(Token token) {
        return new Refusal("`" + token.text() + "` cannot be checked: conditions may use fields, comparisons,"
                + " arithmetic and the clinical fact model's methods", token.offset());
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = peek();
        if (next < tokens.size() - 1) {
            next++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().kind() == Token.Kind.SYMBOL && peek().text().equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            Token token = peek();
            throw token.kind() == Token.Kind.END ? new Refusal("`" + symbol + "` is missing", token.offset())
                    : unchecked(token);
        }
    }

    private Token expectIdent() {
        Token token = next();
        if (token.kind() != Token.Kind.IDENT) {
            throw unchecked(token);
        }
        return token;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c) && c < 128) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i)) && text.charAt(i) < 128) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), start, Token.Kind.IDENT));
            } else if (isDigit(c)) {
                int start = i;
                while (i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == '.'
                        && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                if (i < text.length() && "lLdDfFbBI".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), start, Token.Kind.NUMBER));
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < text.length() && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= text.length()) {
                    throw new Refusal("A text in quotes is not closed", start);
                }
                i++;
                tokens.add(new Token(text.substring(start, i), start, Token.Kind.STRING));
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                String symbol = SYMBOLS.contains(two) ? two : String.valueOf(c);
                if (!SYMBOLS.contains(symbol)) {
                    throw new Refusal("`" + symbol + "` cannot be checked: conditions may use fields, comparisons,"
                            + " arithmetic and the clinical fact model's methods", i);
                }
                tokens.add(new Token(symbol, i, Token.Kind.SYMBOL));
                i += symbol.length();
            }
        }
        tokens.add(new Token("", text.length(), Token.Kind.END));
        return tokens;
    }
}

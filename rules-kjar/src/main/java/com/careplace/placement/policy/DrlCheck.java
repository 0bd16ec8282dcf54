package com.careplace.placement.policy;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The source half of {@link RulePolicy}: walks the descriptors Drools' own DRL parser makes of a
 * DRL file (or of the DRL a decision table expands to), before anything is compiled. Structure is
 * allow-listed element by element; every expression MVEL would evaluate goes through
 * {@link ExpressionCheck}. Consequences and {@code eval}s are Java, compiled by Drools, and checked
 * again as bytecode by {@link BytecodeCheck}.
 */
final class DrlCheck {

    /** Packages whose classes a wildcard import may bring in; each class used is still checked. */
    private static final Set<String> WILDCARD_PACKAGES = Set.of("com.careplace.placement", "com.careplace.placement.facts",
            "java.util", "java.lang");
    private static final Set<String> FLAG_ATTRIBUTES = Set.of("no-loop", "lock-on-active", "auto-focus");
    private static final Set<String> NAME_ATTRIBUTES = Set.of("agenda-group", "activation-group", "ruleflow-group");
    private static final Set<String> DATE_ATTRIBUTES = Set.of("date-effective", "date-expires");
    /** Drools' built-in accumulate functions: our engine's code, none of them takes author code. */
    private static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.of("count", Number.class, "sum", Number.class,
            "average", Number.class, "min", Object.class, "max", Object.class, "collectList", List.class,
            "collectSet", Set.class, "countDistinct", Number.class);

    private final String source;
    private final PackageDescr drl;
    private final String text;
    private final ClassNames classes;
    private final List<PolicyViolation> violations = new ArrayList<>();
    private String rule;
    private int ruleStart;

    private DrlCheck(String source, String text, PackageDescr drl) {
        this.source = source;
        this.text = text;
        this.drl = drl;
        this.classes = new ClassNames(drl.getImports().stream().map(ImportDescr::getTarget).toList());
    }

    static List<PolicyViolation> check(String source, String text, PackageDescr drl) {
        DrlCheck check = new DrlCheck(source, text, drl);
        check.packageLevel();
        for (RuleDescr rule : drl.getRules()) {
            check.rule(rule);
        }
        return check.violations;
    }

    private void packageLevel() {
        for (ImportDescr target : drl.getImports()) {
            String name = target.getTarget();
            if (name.endsWith(".*")) {
                if (!WILDCARD_PACKAGES.contains(name.substring(0, name.length() - 2))) {
                    refuse(target, name, "Rules may only import the clinical fact model: `import " + name + "` is not allowed");
                }
            } else if (!classes.resolve(name).map(AllowedApi::isAllowedType).orElse(false)) {
                refuse(target, name, "Rules may only import the clinical fact model: `" + name + "` is not allowed here");
            }
        }
        drl.getFunctionImports().forEach(f -> refuse(f, f.getTarget(), "Importing functions (`import function "
                + f.getTarget() + "`) is not allowed: rules may only call the clinical fact model"));
        drl.getAccumulateImports().forEach(a -> refuse(a, a.getTarget(), "Importing accumulate functions (`"
                + a.getTarget() + "`) is not allowed: use count, sum, average, min, max, collectList or collectSet"));
        drl.getGlobals().forEach(g -> refuse(g, g.getIdentifier(), "Globals (`global " + g.getType() + " "
                + g.getIdentifier() + "`) are not allowed: a rule may only see the patient's facts"));
        drl.getFunctions().forEach(f -> refuse(f, f.getName(), "Functions (`function " + f.getName()
                + "`) are not allowed: write the condition in the rule, or ask for a method on the fact model"));
        drl.getTypeDeclarations().forEach(t -> refuse(t, t.getTypeName(), "Declaring types (`declare "
                + t.getTypeName() + "`) is not allowed: the fact model is the release's vocabulary"));
        drl.getEnumDeclarations().forEach(t -> refuse(t, t.getTypeName(), "Declaring enums (`declare enum "
                + t.getTypeName() + "`) is not allowed: the fact model is the release's vocabulary"));
        drl.getEntryPointDeclarations().forEach(e -> refuse(e, e.getEntryPointId(), "Entry point declarations are not allowed"));
        drl.getWindowDeclarations().forEach(w -> refuse(w, w.getName(), "Window declarations are not allowed"));
        for (AttributeDescr attribute : drl.getAttributes()) {
            attribute(attribute);
        }
        if (drl.getUnit() != null) {
            refuse(drl.getUnit(), "unit", "Rule units are not allowed");
        }
    }

    private void rule(RuleDescr descr) {
        rule = descr.getName();
        ruleStart = descr.getStartCharacter();
        descr.getAttributes().values().forEach(this::attribute);
        if (descr.getUnit() != null) {
            refuse(descr, "unit", "Rule units are not allowed");
        }
        if (!descr.getNamedConsequences().isEmpty()) {
            refuse(descr, "do[", "Named consequences (`then[…]`, `do[…]`) are not allowed: write one rule per outcome");
        }
        Map<String, Class<?>> bindings = new LinkedHashMap<>();
        if (descr instanceof QueryDescr query && query.getParameters() != null) {
            for (int i = 0; i < query.getParameters().length; i++) {
                String type = query.getParameterTypes()[i];
                Optional<Class<?>> resolved = classes.resolve(type);
                if (resolved.isEmpty() || !AllowedApi.isAllowedType(resolved.get())) {
                    refuse(descr, type, "Rules may only use the clinical fact model: `" + type + "` is not allowed here");
                }
                bindings.put(query.getParameters()[i], resolved.orElse(null));
            }
        }
        if (descr.getLhs() != null) {
            element(descr.getLhs(), bindings);
        }
        rule = null;
    }

    private void attribute(AttributeDescr attribute) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        boolean ok = switch (name) {
            case "salience" -> value.matches("-?\\d{1,9}");
            case "enabled" -> value.equals("true") || value.equals("false");
            case "dialect" -> value.equals("java") || value.equals("\"java\"");
            default -> FLAG_ATTRIBUTES.contains(name) ? value.isEmpty() || value.equals("true") || value.equals("false")
                    : NAME_ATTRIBUTES.contains(name) || DATE_ATTRIBUTES.contains(name);
        };
        if (ok) {
            return;
        }
        String why = switch (name) {
            case "salience" -> "Salience must be a whole number, not an expression (`" + value + "`)";
            case "enabled" -> "`enabled` must be true or false, not an expression (`" + value + "`)";
            case "dialect" -> "Only the java dialect is allowed: MVEL consequences cannot be checked (`dialect " + value + "`)";
            case "duration", "timer", "calendars" -> "Timers (`" + name + "`) are not allowed: a decision is made at once,"
                    + " nothing may run after it";
            default -> "The rule attribute `" + name + "` is not allowed";
        };
        refuse(attribute, name, why);
    }

    private void element(BaseDescr element, Map<String, Class<?>> bindings) {
        switch (element) {
            case AndDescr and -> and.getDescrs().forEach(d -> element(d, bindings));
            case OrDescr or -> branches(or, bindings);
            // What not/exists/forall bind is theirs alone: Drools does not let it out either.
            case NotDescr not -> not.getDescrs().forEach(d -> element(d, new LinkedHashMap<>(bindings)));
            case ExistsDescr exists -> {
                Map<String, Class<?>> inner = new LinkedHashMap<>(bindings);
                ((List<?>) exists.getDescrs()).forEach(d -> element((BaseDescr) d, inner));
            }
            case ForallDescr forall -> {
                Map<String, Class<?>> inner = new LinkedHashMap<>(bindings);
                forall.getDescrs().forEach(d -> element(d, inner));
            }
            case PatternDescr pattern -> pattern(pattern, bindings);
            case EvalDescr eval -> expression(eval, String.valueOf(eval.getContent()), null, bindings);
            default -> refuse(element, element.getText(), "This kind of condition ("
                    + element.getClass().getSimpleName().replace("Descr", "") + ") is not allowed in rules");
        }
    }

    /**
     * Each branch of an `or` is a rule of its own to Drools, and a name it binds has that branch's type. A
     * name bound in several branches must have one type in all, or what follows could be checked for one
     * type and run with another.
     */
    private void branches(OrDescr or, Map<String, Class<?>> bindings) {
        Map<String, Class<?>> merged = new LinkedHashMap<>();
        for (BaseDescr branch : or.getDescrs()) {
            Map<String, Class<?>> own = new LinkedHashMap<>(bindings);
            element(branch, own);
            own.forEach((name, type) -> {
                if (bindings.containsKey(name) && java.util.Objects.equals(bindings.get(name), type)) {
                    return;
                }
                if (merged.containsKey(name) && !java.util.Objects.equals(merged.get(name), type)) {
                    refuse(branch, name, "`" + name + "` is bound to different kinds of value in the branches of this"
                            + " `or`; bind it to the same fact type in each");
                    merged.put(name, null);
                } else if (!merged.containsKey(name)) {
                    merged.put(name, type);
                }
            });
        }
        bindings.putAll(merged);
    }

    private void pattern(PatternDescr pattern, Map<String, Class<?>> bindings) {
        String typeName = pattern.getObjectType();
        if (pattern.isQuery()) {
            refuse(pattern, typeName, "Calling queries from rules (`?" + typeName + "`) is not allowed");
            return;
        }
        if (!pattern.getBehaviors().isEmpty()) {
            refuse(pattern, typeName, "Sliding windows are not allowed: a decision sees one patient's facts at once");
        }
        Class<?> type = null;
        if (typeName == null || !typeName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            refuse(pattern, String.valueOf(typeName), "This pattern (`" + typeName + "`) cannot be checked");
        } else {
            Optional<Class<?>> resolved = classes.resolve(typeName);
            if (resolved.isEmpty() || !AllowedApi.isAllowedType(resolved.get())) {
                refuse(pattern, typeName, "Rules may only use the clinical fact model: `" + typeName + "` is not allowed here");
            } else {
                type = resolved.get();
            }
        }
        if (pattern.getSource() != null) {
            source(pattern, bindings);
        }
        if (pattern.getIdentifier() != null) {
            bindings.put(pattern.getIdentifier(), type);
        }
        if (type == null) {
            return;
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            String expression = switch (constraint) {
                case ExprConstraintDescr expr -> expr.getExpression();
                case BindingDescr binding -> binding.getVariable() + " : " + binding.getExpression();
                default -> null;
            };
            if (expression == null) {
                refuse(constraint, constraint.getText(), "This constraint cannot be checked");
                continue;
            }
            expression(constraint, expression, type, bindings);
        }
    }

    private void source(PatternDescr pattern, Map<String, Class<?>> bindings) {
        switch (pattern.getSource()) {
            case CollectDescr collect -> element(collect.getInputPattern(), new LinkedHashMap<>(bindings));
            case GroupByDescr groupBy -> refuse(groupBy, "groupby", "`groupby` is not allowed");
            case AccumulateDescr accumulate -> {
                if (!accumulate.isExternalFunction() || accumulate.getInitCode() != null
                        || accumulate.getActionCode() != null || accumulate.getResultCode() != null) {
                    refuse(accumulate, "init", "Accumulate with code of its own (init/action/result) is not allowed:"
                            + " use count, sum, average, min, max, collectList or collectSet");
                    return;
                }
                Map<String, Class<?>> inner = new LinkedHashMap<>(bindings); // the input's bindings stay inside
                if (accumulate.getInput() != null) {
                    element(accumulate.getInput(), inner);
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
                    Class<?> result = ACCUMULATE_FUNCTIONS.get(function.getFunction());
                    if (result == null) {
                        refuse(accumulate, function.getFunction(), "The accumulate function `" + function.getFunction()
                                + "` is not allowed: use count, sum, average, min, max, collectList or collectSet");
                        continue;
                    }
                    for (String parameter : function.getParams()) {
                        expression(accumulate, parameter, null, inner);
                    }
                    if (function.getBind() != null) {
                        bindings.put(function.getBind(), result);
                    }
                }
            }
            case FromDescr from -> expression(from, from.getDataSource().getText(), null, bindings);
            case EntryPointDescr ignored -> { }
            default -> refuse(pattern, "from", "This source of facts is not allowed");
        }
    }

    private void expression(BaseDescr where, String expression, Class<?> patternType, Map<String, Class<?>> bindings) {
        try {
            ExpressionCheck.check(expression, new ExpressionCheck.Scope(patternType, bindings, classes::resolve))
                    .ifPresent(binding -> bindings.put(binding.getKey(), binding.getValue()));
        } catch (ExpressionCheck.Refusal refusal) {
            int[] position = position(where, expression, refusal.offset);
            violations.add(new PolicyViolation(source, position[0], position[1], rule,
                    snippet(expression, refusal.offset), refusal.getMessage()));
        }
    }

    /** Line and column of {@code offset} in {@code expression}, found in the DRL text near the descriptor. */
    private int[] position(BaseDescr where, String expression, int offset) {
        // Some descriptors (queries' patterns) carry no position: search from the rule's start instead.
        int start = where.getStartCharacter() >= 0 ? where.getStartCharacter() : Math.max(ruleStart, 0);
        int found = text.indexOf(expression, start);
        if (found >= 0) {
            return lineAndColumn(found + offset);
        }
        return new int[] {Math.max(where.getLine(), 0), where.getColumn() > 0 ? where.getColumn() + 1 : 0};
    }

    private int[] lineAndColumn(int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, at - lineStart + 1};
    }

    private static String snippet(String expression, int offset) {
        int end = offset;
        while (end < expression.length() && (Character.isJavaIdentifierPart(expression.charAt(end)) || expression.charAt(end) == '.')) {
            end++;
        }
        return end > offset ? expression.substring(offset, end) : expression.substring(offset, Math.min(expression.length(), offset + 1));
    }

    private void refuse(BaseDescr where, String code, String message) {
        int line = where.getLine();
        int column = where.getColumn();
        if (where.getStartCharacter() >= 0 && where.getStartCharacter() < text.length()) {
            int[] position = lineAndColumn(where.getStartCharacter());
            line = position[0];
            column = position[1];
        } else if (column >= 0) {
            column++;
        }
        violations.add(new PolicyViolation(source, Math.max(line, 0), Math.max(column, 0), rule, code, message));
    }

    /** Resolves class names as the DRL's imports and java.lang do, without initialising anything. */
    static final class ClassNames {
        private final List<String> imports;
        private final Map<String, Optional<Class<?>>> cache = new HashMap<>();

        ClassNames(List<String> imports) {
            this.imports = imports;
        }

        Optional<Class<?>> resolve(String name) {
            return cache.computeIfAbsent(name, this::lookup);
        }

        private Optional<Class<?>> lookup(String name) {
            List<String> candidates = new ArrayList<>();
            if (name.contains(".")) {
                candidates.add(name);
                // Outer.Inner is the binary name Outer$Inner
                for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                    candidates.add(name.substring(0, dot) + "$" + name.substring(dot + 1).replace('.', '$'));
                }
            }
            for (String target : imports) {
                if (target.endsWith("." + name)) {
                    candidates.add(target);
                } else if (target.endsWith(".*")) {
                    candidates.add(target.substring(0, target.length() - 1) + name);
                }
            }
            candidates.add("java.lang." + name);
            for (String candidate : candidates) {
                Optional<Class<?>> type = load(candidate);
                if (type.isPresent()) {
                    return type;
                }
            }
            return Optional.empty();
        }

        private static Optional<Class<?>> load(String binaryName) {
            if (!binaryName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Class.forName(binaryName, false, DrlCheck.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        }
    }
}

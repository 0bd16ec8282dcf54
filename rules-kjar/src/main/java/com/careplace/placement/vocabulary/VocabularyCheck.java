package com.careplace.placement.vocabulary;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.kie.api.builder.KieModule;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every vocabulary entry and added request field a rule names exists in the release's
 * vocabulary, before anything is compiled: {@code Payer.of("MEDICAR")}, {@code LevelOfCare.of("2.8")},
 * a 1.0.0 constant the vocabulary removed, or {@code yes("pregant")} on the assessment. Java would
 * accept all of these and fail only when the rule runs; here each is an error at its DRL line and
 * column, or (for a decision table) at the rule the row generated, naming the allowed values.
 */
public final class VocabularyCheck {

    private static final Pattern ENTRY = Pattern.compile(
            "\\b(LevelOfCare|Payer|Category|IopReason|PayerRequirementCode|PayerWarning)\\s*\\.\\s*(?:(of|valueOf)\\s*\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")?|([A-Z][A-Z0-9_]*)\\b)");
    private static final Pattern CONSTRUCTED = Pattern.compile(
            "\\bnew\\s+(?:com\\.careplace\\.placement\\.(?:facts\\.)?)?(LevelOfCare|Payer|Category|IopReason|PayerRequirementCode|PayerWarning)\\s*\\(");
    private static final Pattern ANSWER = Pattern.compile("\\b(answered|yes|number|entry)\\s*\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")?");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*(?:rule|query)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private VocabularyCheck() {
    }

    /** One kind of vocabulary entry as rules name it. */
    private record Kind(String what, Function<Vocabulary, List<String>> codes, Map<String, String> constants) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "LevelOfCare", new Kind("level of care", v -> v.levelsOfCare().stream().map(LevelOfCare::code).toList(),
                    constants(LevelOfCare.class, LevelOfCare::code)),
            "Payer", new Kind("payer", v -> v.payers().stream().map(Payer::code).toList(), constants(Payer.class, Payer::code)),
            "Category", new Kind("diagnosis category", v -> v.categories().stream().map(Category::code).toList(),
                    constants(Category.class, Category::code)),
            "IopReason", new Kind("IOP reason", v -> v.iopReasons().stream().map(IopReason::code).toList(),
                    constants(IopReason.class, IopReason::code)),
            "PayerRequirementCode", new Kind("payer requirement", v -> v.payerRequirements().stream()
                    .map(PayerRequirementCode::code).toList(), constants(PayerRequirementCode.class, PayerRequirementCode::code)),
            "PayerWarning", new Kind("payer warning", v -> v.payerWarnings().stream().map(PayerWarning::code).toList(),
                    constants(PayerWarning.class, PayerWarning::code)));

    /** The 1.0.0 constants of a vocabulary type: field name to code. */
    private static <T> Map<String, String> constants(Class<T> type, Function<T, String> code) {
        Map<String, String> constants = new HashMap<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
                try {
                    constants.put(field.getName(), code.apply(type.cast(field.get(null))));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(constants);
    }

    /**
     * Checks rule sources (path to text; DRL and decision tables, other paths ignored) against {@code vocabulary}.
     *
     * @return every unknown entry or field, located; empty when all are known
     */
    public static List<PolicyViolation> check(Map<String, String> sources, Vocabulary vocabulary) {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        sources.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return checkSources(bytes, vocabulary);
    }

    /**
     * Checks rule sources as Drools is given them (path to bytes: UTF-8 DRL and CSV, or a workbook) against
     * {@code vocabulary}; other paths are ignored.
     *
     * @return every unknown entry or field, located; empty when all are known
     */
    public static List<PolicyViolation> checkSources(Map<String, byte[]> sources, Vocabulary vocabulary) {
        List<PolicyViolation> violations = new ArrayList<>();
        sources.forEach((path, bytes) -> {
            if (!RulePolicy.isRuleSource(path)) {
                return;
            }
            String drl = path.endsWith(".drl") ? new String(bytes, StandardCharsets.UTF_8) : RulePolicy.expandTable(path, bytes);
            if (drl != null) {
                check(path, withoutComments(drl), vocabulary, violations);
            }
        });
        return violations;
    }

    /**
     * Checks the rule sources of a KIE module, as Drools read them from its kjar, against {@code vocabulary}.
     *
     * @return every unknown entry or field, located; empty when all are known
     */
    public static List<PolicyViolation> check(KieModule module, Vocabulary vocabulary) {
        InternalKieModule internal = (InternalKieModule) module;
        // As bytes: a workbook table (.drl.xlsx) read as UTF-8 text would not expand and would go unchecked
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (String name : internal.getFileNames()) {
            byte[] bytes = RulePolicy.isRuleSource(name) ? internal.getBytes(name) : null;
            if (bytes != null) {
                sources.put(name, bytes);
            }
        }
        return checkSources(sources, vocabulary);
    }

    private static void check(String path, String drl, Vocabulary vocabulary, List<PolicyViolation> violations) {
        // Text inside string literals (rule names, messages) names nothing: "Payer.MEDICARE rules" is a title.
        boolean[] quoted = stringLiterals(drl);
        Matcher entry = ENTRY.matcher(drl);
        while (entry.find()) {
            if (quoted[entry.start()]) {
                continue;
            }
            Kind kind = KINDS.get(entry.group(1));
            List<String> allowed = kind.codes().apply(vocabulary);
            String type = entry.group(1);
            if (entry.group(4) != null) { // a constant: Payer.MEDICARE
                String constant = entry.group(4);
                String code = kind.constants().get(constant);
                if (code == null) {
                    String hint = allowed.contains(constant) || type.equals("LevelOfCare")
                            ? "; entries added to the vocabulary are written " + type + ".of(\"" + constant + "\")" : "";
                    violations.add(at(path, drl, entry.start(4), constant, type + "." + constant + " is not " + article(kind.what())
                            + " of this release: the " + plural(kind.what()) + " are " + String.join(", ", allowed) + hint));
                } else if (!allowed.contains(code)) {
                    violations.add(at(path, drl, entry.start(4), constant, type + "." + constant + " (" + code + ") is not "
                            + article(kind.what()) + " of this release's vocabulary: the " + plural(kind.what()) + " are "
                            + String.join(", ", allowed)));
                }
            } else if (entry.group(3) == null) {
                String call = type + "." + entry.group(2);
                violations.add(at(path, drl, entry.start(), call, call + "(…) must name the " + kind.what()
                        + " in quotes, e.g. " + type + ".of(\"" + allowed.getFirst() + "\"), so that it can be checked"));
            } else {
                String code = unquote(entry.group(3));
                // valueOf also takes a 1.0.0 constant's name, as the enum it replaces did
                String named = entry.group(2).equals("valueOf") ? kind.constants().getOrDefault(code, code) : code;
                if (!allowed.contains(named)) {
                    violations.add(at(path, drl, entry.start(3) + 1, code, "'" + code + "' is not " + article(kind.what())
                            + " of this release: the " + plural(kind.what()) + " are " + String.join(", ", allowed)));
                }
            }
        }
        Matcher constructed = CONSTRUCTED.matcher(drl);
        while (constructed.find()) {
            if (!quoted[constructed.start()]) {
                String type = constructed.group(1);
                // An entry made up in a rule would pass every check here and reach callers as a code nobody defined
                violations.add(at(path, drl, constructed.start(), "new " + type, "Entries come from the release's vocabulary: "
                        + "write " + type + ".of(\"CODE\") (or a 1.0.0 constant), not new " + type + "(…)"));
            }
        }
        Matcher answer = ANSWER.matcher(drl);
        while (answer.find()) {
            String method = answer.group(1);
            if (quoted[answer.start(1)] || !onAssessment(drl, answer.start(1))) {
                continue; // in a string, or another object's method (Answer.yes("…") of a table cell, Map.entry(…))
            }
            List<String> names = vocabulary.requestFields().stream().map(RequestField::name).toList();
            String listed = names.isEmpty() ? "this release's request schema adds no fields"
                    : "the added fields are " + String.join(", ", vocabulary.requestFields().stream()
                    .map(f -> f.name() + " (" + f.type().word() + ")").toList());
            if (answer.group(2) == null) {
                violations.add(at(path, drl, answer.start(1), method, method + "(…) must name an added request field in quotes; "
                        + listed));
                continue;
            }
            String name = unquote(answer.group(2));
            Optional<RequestField> field = vocabulary.requestField(name);
            if (field.isEmpty()) {
                violations.add(at(path, drl, answer.start(2) + 1, name, "'" + name + "' is not a field of this release's request; "
                        + listed));
            } else if (!fits(method, field.get().type())) {
                violations.add(at(path, drl, answer.start(2) + 1, name, method + "(\"" + name + "\") reads " + expects(method)
                        + ", but " + name + " is " + article(field.get().type().word())));
            }
        }
    }

    /**
     * Whether a call at {@code at} reads the assessment: unqualified, as in a constraint on it
     * ({@code Assessment( yes("pregnant") )}), or on a Drools binding ({@code $a.yes("pregnant")}).
     */
    private static boolean onAssessment(String drl, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(drl.charAt(i))) {
            i--;
        }
        if (i < 0 || drl.charAt(i) != '.') {
            return true;
        }
        i--;
        while (i >= 0 && Character.isWhitespace(drl.charAt(i))) {
            i--;
        }
        int end = i;
        while (i >= 0 && (Character.isJavaIdentifierPart(drl.charAt(i)))) {
            i--;
        }
        return end > i && drl.charAt(i + 1) == '$';
    }

    /** Which offsets of {@code drl} lie inside a string literal, quotes included. */
    private static boolean[] stringLiterals(String drl) {
        boolean[] inside = new boolean[drl.length() + 1];
        int i = 0;
        while (i < drl.length()) {
            if (drl.charAt(i) == '"') {
                int start = i++;
                while (i < drl.length() && drl.charAt(i) != '"' && drl.charAt(i) != '\n') {
                    i += drl.charAt(i) == '\\' ? 2 : 1;
                }
                for (int k = start; k <= Math.min(i, drl.length() - 1); k++) {
                    inside[k] = true;
                }
            }
            i++;
        }
        return inside;
    }

    private static boolean fits(String method, RequestField.Type type) {
        return switch (method) {
            case "yes" -> type == RequestField.Type.BOOLEAN;
            case "number" -> type == RequestField.Type.INTEGER;
            case "entry" -> type == RequestField.Type.LEVEL_OF_CARE || type == RequestField.Type.PAYER
                    || type == RequestField.Type.DIAGNOSIS_CATEGORY;
            default -> true;
        };
    }

    private static String expects(String method) {
        return switch (method) {
            case "yes" -> "a boolean field";
            case "number" -> "an integer field";
            default -> "a level of care, payer or diagnosis category field";
        };
    }

    private static String article(String word) {
        return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
    }

    private static String plural(String what) {
        return what.endsWith("y") && !what.endsWith("ey") ? what.substring(0, what.length() - 1) + "ies"
                : what.equals("level of care") ? "levels of care" : what + "s";
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static PolicyViolation at(String path, String drl, int offset, String code, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (drl.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String rule = null;
        Matcher header = RULE.matcher(drl);
        while (header.find() && header.start() < offset) {
            rule = header.group(1);
        }
        return new PolicyViolation(path, line, offset - lineStart + 1, rule, code, message);
    }

    /** The DRL with comments blanked out (newlines kept, so lines and columns stay), strings untouched. */
    static String withoutComments(String drl) {
        StringBuilder out = new StringBuilder(drl);
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '"') {
                i++;
                while (i < drl.length() && drl.charAt(i) != '"' && drl.charAt(i) != '\n') {
                    i += drl.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (drl.startsWith("//", i)) {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (drl.startsWith("/*", i)) {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                for (; i < end; i++) {
                    if (drl.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }
}

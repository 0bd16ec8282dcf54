package com.careplace.workbench.rules;

import com.careplace.placement.vocabulary.Vocabulary;

import java.util.Objects;

/**
 * One rule source as authors edit it.
 *
 * @param path where it lives in the kjar, e.g. {@code com/careplace/rules/placement.drl}
 * @param text its content
 */
public record RuleAsset(String path, String text) implements java.io.Serializable {

    public RuleAsset {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** What kind of source this is, from its name. */
    public Kind kind() {
        if (path.endsWith(".drl")) {
            return Kind.DRL;
        }
        if (path.endsWith(".drl.csv")) {
            return Kind.DECISION_TABLE;
        }
        if (path.startsWith(SCENARIOS) && path.endsWith(".yaml")) {
            return Kind.SCENARIO_SUITE;
        }
        if (Vocabulary.Part.ofPath(path).isPresent()) {
            return Kind.VOCABULARY;
        }
        return Kind.OTHER;
    }

    /** The file name without folders, as authors know it. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("(?m)^\"?RuleTable[ \\t]+([^,\"\\r\\n]+)");
    private static final java.util.regex.Pattern SUITE_NAME = java.util.regex.Pattern.compile("(?m)^suite:[ \\t]*\"?([^\"\\r\\n]+?)\"?[ \\t]*$");
    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("iop", "asam", "icd", "php", "drl", "sud");

    /**
     * What a clinician calls the asset: a decision table by its table's name ("Payer requirements"), a suite by
     * its {@code suite:} name, a vocabulary file by what it lists ("Payers"), a DRL file by its file name in words
     * ("IOP eligibility"). File paths are for the kjar, not for people.
     */
    public String title() {
        java.util.regex.Matcher named = switch (kind()) {
            case DECISION_TABLE -> TABLE_NAME.matcher(text);
            case SCENARIO_SUITE -> SUITE_NAME.matcher(text);
            default -> null;
        };
        if (named != null && named.find() && !named.group(1).isBlank()) {
            return named.group(1).strip();
        }
        if (kind() == Kind.VOCABULARY) {
            return Vocabulary.Part.ofPath(path).orElseThrow().title();
        }
        String base = name().replaceFirst("\\.(drl\\.csv|drl|yaml|csv)$", "").replaceFirst("^\\d+-", "");
        String words = String.join(" ", java.util.Arrays.stream(base.split("[-_]+"))
                .map(w -> ACRONYMS.contains(w) ? w.toUpperCase(java.util.Locale.ROOT) : w).toList());
        return words.isEmpty() ? name() : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Where DRL files and decision tables live among the assets (and in the kjar). */
    public static final String RULES = "com/careplace/rules/";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    /**
     * What is wrong with {@code path} as the path of a new asset, if anything: authors create DRL files and
     * decision tables ({@code com/careplace/rules/NAME.drl}, {@code NAME.drl.csv}) and scenario suites
     * ({@code scenarios/NAME.yaml}), NAME in lower-case letters, digits and dashes.
     */
    public static java.util.Optional<String> pathProblem(String path) {
        String name;
        if (path.startsWith(RULES) && path.endsWith(".drl.csv")) {
            name = path.substring(RULES.length(), path.length() - ".drl.csv".length());
        } else if (path.startsWith(RULES) && path.endsWith(".drl")) {
            name = path.substring(RULES.length(), path.length() - ".drl".length());
        } else if (path.startsWith(SCENARIOS) && path.endsWith(".yaml")) {
            name = path.substring(SCENARIOS.length(), path.length() - ".yaml".length());
        } else {
            return java.util.Optional.of("'" + path + "' is not where a new asset goes: DRL files and decision tables are "
                    + RULES + "NAME.drl or NAME.drl.csv, scenario suites " + SCENARIOS + "NAME.yaml");
        }
        return NAME.matcher(name).matches() ? java.util.Optional.empty() : java.util.Optional.of("'" + name
                + "' is not a name for an asset: use lower-case letters, digits and dashes (e.g. medicare-advantage), at most 60");
    }

    /** Where scenario suites live among the assets; they are not part of the kjar. */
    public static final String SCENARIOS = "scenarios/";

    /** Kinds of rule source. */
    public enum Kind { DRL, DECISION_TABLE, SCENARIO_SUITE, VOCABULARY, OTHER }

    /** Whether Drools compiles this asset into the kjar. */
    public boolean isRuleSource() {
        return kind() == Kind.DRL || kind() == Kind.DECISION_TABLE;
    }

    /** The asset as Drools compiles it (see {@link DecisionTableWorkbook#forDrools}). */
    public DecisionTableWorkbook.DroolsSource forDrools() {
        return DecisionTableWorkbook.forDrools(path, text);
    }

    /** Whether the asset goes into the kjar: rule sources and the vocabulary files. */
    public boolean isInKjar() {
        return isRuleSource() || kind() == Kind.VOCABULARY;
    }

    /**
     * The vocabulary and request schema these assets define: their vocabulary files, or release 1.0.0's
     * when there are none.
     *
     * @throws com.careplace.placement.vocabulary.InvalidVocabularyException naming every problem, by file and line
     */
    public static Vocabulary vocabulary(java.util.Collection<RuleAsset> assets) {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        assets.stream().filter(a -> a.kind() == Kind.VOCABULARY).forEach(a -> files.put(a.path(), a.text()));
        return Vocabulary.fromFiles(files);
    }
}

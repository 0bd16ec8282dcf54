package com.careplace.workbench.rules;

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
        return Kind.OTHER;
    }

    /** The file name without folders, as authors know it. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Where scenario suites live among the assets; they are not part of the kjar. */
    public static final String SCENARIOS = "scenarios/";

    /** Kinds of rule source. */
    public enum Kind { DRL, DECISION_TABLE, SCENARIO_SUITE, OTHER }

    /** Whether Drools compiles this asset into the kjar. */
    public boolean isRuleSource() {
        return kind() == Kind.DRL || kind() == Kind.DECISION_TABLE;
    }
}

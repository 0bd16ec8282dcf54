package com.careplace.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The results of running suites against one set of rules, with rule coverage.
 *
 * @param suites     one report per suite, in run order
 * @param rules      every rule of the release
 * @param firedRules the rules that fired at least once in the run
 */
public record RunReport(List<SuiteReport> suites, Set<String> rules, Set<String> firedRules) implements java.io.Serializable {

    public RunReport {
        suites = List.copyOf(suites);
        rules = Set.copyOf(rules);
        firedRules = Set.copyOf(firedRules);
    }

    /** Rules of the release that no scenario made fire, sorted by name. */
    public SortedSet<String> neverFired() {
        SortedSet<String> never = new TreeSet<>(rules);
        never.removeAll(firedRules);
        return never;
    }

    public List<ScenarioResult> results() {
        List<ScenarioResult> all = new ArrayList<>();
        suites.forEach(s -> all.addAll(s.results()));
        return all;
    }

    public List<ScenarioResult> failures() {
        return results().stream().filter(r -> !r.passed()).toList();
    }

    /** True when every scenario passed and every rule fired. */
    public boolean green() {
        return failures().isEmpty() && neverFired().isEmpty();
    }

    /** A plain-text report for a console or a log (it holds no patient data: scenarios are synthetic). */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (SuiteReport suite : suites) {
            text.append(String.format("%-40s %3d scenarios, %d failed  (%s)%n", suite.suite(), suite.results().size(),
                    suite.failed(), suite.source()));
        }
        for (ScenarioResult failure : failures()) {
            text.append("FAILED ").append(failure.suite()).append(" › ").append(failure.scenario()).append(": ")
                    .append(failure.finding()).append(System.lineSeparator());
        }
        text.append(String.format("%d scenarios, %d failed; rules fired %d of %d%n", results().size(), failures().size(),
                rules.size() - neverFired().size(), rules.size()));
        neverFired().forEach(rule -> text.append("NEVER FIRED ").append(rule).append(System.lineSeparator()));
        return text.toString();
    }
}

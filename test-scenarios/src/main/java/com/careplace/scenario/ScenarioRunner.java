package com.careplace.scenario;

import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementEvaluationException;
import com.careplace.placement.PlacementEvaluator;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs scenario suites against a set of rules. Usable as a library by anything holding a
 * {@link KieContainer} (the build, the workbench on a change request's compiled rules) and
 * from JUnit through the reports it returns.
 *
 * <pre>{@code
 * RunReport report = new ScenarioRunner(container).run(ScenarioSuiteReader.readDirectory(dir));
 * report.failures().forEach(f -> show(f.finding()));
 * }</pre>
 */
public final class ScenarioRunner {

    private final PlacementEvaluator evaluator;
    private final Set<String> rules;

    /** Runs against the default KieBase of {@code container}. */
    public ScenarioRunner(KieContainer container) {
        this(new PlacementEvaluator(container), container.getKieBase());
    }

    /**
     * Runs through {@code evaluator}; {@code kieBase} must be the one it evaluates against, for coverage.
     */
    public ScenarioRunner(PlacementEvaluator evaluator, KieBase kieBase) {
        this.evaluator = evaluator;
        this.rules = ruleNames(kieBase);
    }

    /** Every rule name of {@code kieBase}. */
    public static Set<String> ruleNames(KieBase kieBase) {
        Set<String> names = new HashSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                names.add(rule.getName());
            }
        }
        return names;
    }

    /** Runs every scenario of every suite, in order, and reports results and rule coverage. */
    public RunReport run(List<ScenarioSuite> suites) {
        Set<String> fired = new HashSet<>();
        List<SuiteReport> reports = new ArrayList<>();
        for (ScenarioSuite suite : suites) {
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : suite.scenarios()) {
                ScenarioResult result = run(suite, scenario);
                if (result.decision() != null) {
                    fired.addAll(result.decision().firedRules());
                }
                results.add(result);
            }
            reports.add(new SuiteReport(suite.name(), suite.source(), results));
        }
        return new RunReport(reports, rules, fired);
    }

    /** Runs one scenario. */
    public ScenarioResult run(ScenarioSuite suite, Scenario scenario) {
        long start = System.nanoTime();
        PlacementDecision decision;
        try {
            decision = evaluator.evaluate(scenario.given());
        } catch (PlacementEvaluationException e) {
            return new ScenarioResult(suite.name(), scenario.name(), ScenarioResult.Outcome.ERROR, List.of(),
                    "the rules could not decide: " + e.getMessage(), null, Duration.ofNanos(System.nanoTime() - start));
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        List<Mismatch> mismatches = DecisionComparison.compare(scenario.expect(), decision);
        return mismatches.isEmpty()
                ? new ScenarioResult(suite.name(), scenario.name(), ScenarioResult.Outcome.PASSED, List.of(), "", decision, time)
                : new ScenarioResult(suite.name(), scenario.name(), ScenarioResult.Outcome.FAILED, mismatches,
                        DecisionComparison.finding(mismatches, decision), decision, time);
    }
}

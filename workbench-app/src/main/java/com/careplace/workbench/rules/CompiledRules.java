package com.careplace.workbench.rules;

import com.careplace.placement.PlacementEvaluator;
import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioRunner;
import com.careplace.scenario.ScenarioSuite;
import org.kie.api.KieBase;

import java.util.List;

/** Rules that compiled: they can decide requests and run scenario suites. Drools stays behind this type. */
public final class CompiledRules implements AutoCloseable {

    private final KieBase kieBase;
    private final PlacementEvaluator evaluator;

    CompiledRules(KieBase kieBase, PlacementEvaluator evaluator) {
        this.kieBase = kieBase;
        this.evaluator = evaluator;
    }

    /** Decides requests with these rules. */
    public PlacementEvaluator evaluator() {
        return evaluator;
    }

    /** Runs suites against these rules, with rule coverage. */
    public RunReport runSuites(List<ScenarioSuite> suites) {
        return new ScenarioRunner(evaluator, kieBase).run(suites);
    }

    @Override
    public void close() {
        evaluator.close();
    }
}

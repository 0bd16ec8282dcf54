package com.careplace.scenario;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Every shipped suite against the built kjar: one test per scenario, and the coverage gate. */
class ScenarioSuitesTest {

    private static final List<ScenarioSuite> SUITES = ScenarioSuiteReader.bundled();

    @TestFactory
    Stream<DynamicContainer> everyScenarioOfEverySuite() {
        ScenarioRunner runner = new ScenarioRunner(BuiltKjar.container());
        return SUITES.stream().map(suite -> DynamicContainer.dynamicContainer(suite.name() + " (" + suite.source() + ")",
                suite.scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
                    ScenarioResult result = runner.run(suite, scenario);
                    if (!result.passed()) {
                        fail(suite.source() + " › " + scenario.name() + ": " + result.finding());
                    }
                }))));
    }

    @Test
    void everyRuleOfTheReleaseFiresInSomeScenario() {
        RunReport report = new ScenarioRunner(BuiltKjar.container()).run(SUITES);
        assertThat(report.neverFired())
                .as("rules of release 1.0.0 that no scenario makes fire; add scenarios for them:%n%s", report.summary())
                .isEmpty();
        assertThat(report.rules()).hasSizeGreaterThan(60);
    }

    @Test
    void atLeastOneHundredScenariosIncludingTheWorkedExamples() {
        assertThat(SUITES.stream().mapToInt(s -> s.scenarios().size()).sum()).isGreaterThanOrEqualTo(100);
        assertThat(SUITES.getFirst().scenarios()).extracting(Scenario::name)
                .filteredOn(name -> name.startsWith("Worked example")).hasSize(5);
    }
}

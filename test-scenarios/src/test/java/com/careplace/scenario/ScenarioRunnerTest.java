package com.careplace.scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's verdicts, including how a wrong expectation reads. */
class ScenarioRunnerTest {

    private static ScenarioRunner runner;

    @BeforeAll
    static void rules() {
        runner = new ScenarioRunner(BuiltKjar.container());
    }

    private static RunReport run(String expect) {
        return runner.run(List.of(ScenarioSuiteReader.read("wrong.yaml", """
                suite: Deliberately wrong
                scenarios:
                  - name: Severe D3 with psychosis
                    given:
                      age: 30
                      diagnoses: [F41.1]
                      dimensions: {d1: 0, d2: 0, d3: 3, d4: 1, d5: 1, d6: 1}
                      availableHoursPerWeek: 12
                      payer: MEDICAID
                    expect:
                """ + expect)));
    }

    @Test
    void aWrongLevelReadsLikeAClinicalFinding() {
        RunReport report = run("      level: \"2.1\"\n");
        ScenarioResult result = report.failures().getFirst();
        assertThat(result.outcome()).isEqualTo(ScenarioResult.Outcome.FAILED);
        assertThat(result.finding()).isEqualTo("expected level 2.1, got 2.5 — driving D3");
        assertThat(result.mismatches()).containsExactly(new Mismatch("level", "2.1", "2.5"));
        assertThat(report.summary()).contains("FAILED Deliberately wrong › Severe D3 with psychosis: expected level 2.1, got 2.5");
    }

    @Test
    void everyWrongFieldIsReportedWithItsContext() {
        RunReport report = run("""
                      iop:
                        status: ELIGIBLE
                        weeklyHours: {min: 6, max: 19}
                      payer: {requirements: [PRIOR_AUTHORIZATION]}
                """);
        assertThat(report.failures().getFirst().finding()).isEqualTo(
                "expected iop.status ELIGIBLE, got NOT_ELIGIBLE — reasons HIGHER_LEVEL_REQUIRED; "
                        + "expected iop.weeklyHours 6–19 h/week, got 9–19 h/week; "
                        + "expected payer.requirements [PRIOR_AUTHORIZATION], got []");
    }

    @Test
    void fieldsNotNamedAreNotChecked() {
        RunReport report = run("      iop: {reasons: [HIGHER_LEVEL_REQUIRED]}\n");
        assertThat(report.failures()).isEmpty();
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isTrue();
            assertThat(r.time()).isPositive();
        });
    }

    @Test
    void listsCompareInOrder() {
        RunReport report = run("      drivingDimensions: [D3]\n      firedRules: [\"P1 highest dimension wins\"]\n");
        assertThat(report.failures().getFirst().mismatches()).extracting(Mismatch::field).containsExactly("firedRules");
    }

    @Test
    void coverageListsTheRulesThatNeverFired() {
        RunReport report = run("      level: \"2.5\"\n");
        assertThat(report.neverFired()).contains("P3 imminent danger", "Payer requirements: Medicare")
                .doesNotContain("P1 highest dimension wins", "IOP status: not eligible");
        assertThat(report.green()).isFalse();
    }
}

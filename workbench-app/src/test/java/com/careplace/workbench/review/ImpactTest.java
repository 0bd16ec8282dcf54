package com.careplace.workbench.review;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The level-of-care transition matrix counts every case once, where it was and where it goes. */
class ImpactTest {

    private static Outcome at(String level) {
        return new Outcome(level, List.of(), "ELIGIBLE", List.of(), "", List.of(), List.of());
    }

    @Test
    void eachCaseIsCountedFromItsLevelToItsNewOneAndUndecidedCasesGetTheirOwnRow() {
        Impact.LevelTransitions transitions = Impact.LevelTransitions.of(List.of("1", "2.1", "2.5"),
                List.of(at("1"), at("2.1"), at("2.1"), at("2.5")),
                List.of(at("1"), at("2.5"), at("2.1"), Outcome.notDecided("a payer the change removes")));

        assertThat(transitions.levels()).containsExactly("1", "2.1", "2.5", "none");
        assertThat(transitions.count("1", "1")).isEqualTo(1);
        assertThat(transitions.count("2.1", "2.5")).isEqualTo(1);
        assertThat(transitions.count("2.1", "2.1")).isEqualTo(1);
        assertThat(transitions.count("2.5", "none")).isEqualTo(1);
        assertThat(transitions.count("2.5", "2.5")).isZero();
        assertThat(transitions.largest()).isEqualTo(1);
    }

    @Test
    void aCellExcelWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(ImpactAnalysis.inert("=HYPERLINK(\"http://x\",\"click\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"click\")");
        assertThat(ImpactAnalysis.inert("+1")).isEqualTo("'+1");
        assertThat(ImpactAnalysis.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ImpactAnalysis.inert("Payer requirements › TRICARE")).isEqualTo("Payer requirements › TRICARE");
        assertThat(ImpactAnalysis.inert("")).isEmpty();
    }
}

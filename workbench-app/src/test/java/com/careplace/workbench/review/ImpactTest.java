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
        Impact.Transitions transitions = Impact.Transitions.of(List.of("1", "2.1", "2.5"),
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

    private static Outcome iop(String status, String... warnings) {
        return new Outcome("2.1", List.of(), status, List.of(), "", List.of(), List.of(warnings));
    }

    @Test
    void iopStatusesWarningsAndFiringsAreCountedCaseByCase() {
        List<Outcome> before = List.of(iop("ELIGIBLE"), iop("ELIGIBLE"), iop("NOT_INDICATED", "PAYER_MINIMUM_HOURS_NOT_MET"), iop("NOT_ELIGIBLE"));
        List<Outcome> after = List.of(iop("ELIGIBLE", "PAYER_MINIMUM_HOURS_NOT_MET"), iop("NOT_ELIGIBLE"), iop("NOT_INDICATED"),
                Outcome.notDecided("a payer the change removes"));
        Impact.Transitions statuses = Impact.Transitions.ofIop(before, after);
        assertThat(statuses.levels()).containsExactly("ELIGIBLE", "NOT_INDICATED", "NOT_ELIGIBLE", "none");
        assertThat(statuses.count("ELIGIBLE", "ELIGIBLE")).isEqualTo(1);
        assertThat(statuses.count("ELIGIBLE", "NOT_ELIGIBLE")).isEqualTo(1);
        assertThat(statuses.count("NOT_ELIGIBLE", "none")).isEqualTo(1);

        // One case gains the warning, another loses it
        assertThat(Impact.warningChanges(before, after)).containsExactly(new Impact.WarningChange("PAYER_MINIMUM_HOURS_NOT_MET", 1, 1));

        List<List<String>> firedBefore = List.of(List.of("a", "b"), List.of("a"), List.of("a", "c"), List.of());
        List<List<String>> firedAfter = List.of(List.of("a", "b", "b"), List.of("b"), List.of("b", "c"), List.of("b"));
        // b: 1 case before, 4 after; a: 3 before, 1 after; c unchanged and left out
        assertThat(Impact.firingChanges(firedBefore, firedAfter, 10))
                .containsExactly(new Impact.FiringChange("b", 1, 4), new Impact.FiringChange("a", 3, 1));
        assertThat(Impact.firingChanges(firedBefore, firedAfter, 1)).extracting(Impact.FiringChange::rule).containsExactly("b");
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

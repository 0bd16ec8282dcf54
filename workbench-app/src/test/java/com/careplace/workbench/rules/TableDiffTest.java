package com.careplace.workbench.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reviewers see decision-table changes cell by cell, with added, removed and changed rows marked. */
class TableDiffTest {

    private final String payer = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv"))
            .findFirst().orElseThrow().text();

    @Test
    void changedCellsAddedAndRemovedRows() {
        String edited = payer
                .replace("Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,6,", "Payer requirements: TRICARE,ELIGIBLE,TRICARE,no,no,7,")
                .replace("Payer requirements: self-pay,ELIGIBLE,SELF_PAY,no,no,,\n", "")
                + "Payer requirements: VA,ELIGIBLE,VA,yes,no,,\n";
        List<TableDiff.RowChange> diff = TableDiff.between(payer, edited);
        assertThat(diff).extracting(TableDiff.RowChange::kind, TableDiff.RowChange::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TableDiff.Kind.CHANGED, "Payer requirements: TRICARE"),
                org.assertj.core.groups.Tuple.tuple(TableDiff.Kind.REMOVED, "Payer requirements: self-pay"),
                org.assertj.core.groups.Tuple.tuple(TableDiff.Kind.ADDED, "Payer requirements: VA"));
        assertThat(diff.getFirst().cells()).containsExactly(
                new TableDiff.CellChange("D", "Prior authorization", "yes", "no"),
                new TableDiff.CellChange("F", "Payer minimum hours/week", "6", "7"));
        assertThat(diff.getFirst().oldRow()).isEqualTo(13);
        assertThat(diff.get(2).cells()).extracting(TableDiff.CellChange::after).contains("VA", "yes");
    }

    @Test
    void reorderingRowsIsNoChange() {
        String medicare = "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60\n";
        String reordered = payer.replace(medicare, "") + medicare;
        assertThat(TableDiff.between(payer, reordered)).isEmpty();
    }
}

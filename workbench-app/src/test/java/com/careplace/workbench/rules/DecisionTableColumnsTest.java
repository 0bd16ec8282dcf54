package com.careplace.workbench.rules;

import com.careplace.placement.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Columns added from the guided picker, moved and removed: the sheet Drools compiles follows, cells and all. */
class DecisionTableColumnsTest {

    private final RuleCompiler compiler = new RuleCompiler();

    private static String payerTable() {
        return BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv")).findFirst()
                .orElseThrow().text();
    }

    private CompileResult compileWith(String table) {
        List<RuleAsset> assets = new ArrayList<>(BaselineAssets.load().stream()
                .filter(a -> !a.name().equals("payer-requirements.drl.csv")).toList());
        assets.add(new RuleAsset(RuleAsset.RULES + "payer-requirements.drl.csv", table));
        return compiler.compile(assets);
    }

    @Test
    void aConditionPickedFromTheFactModelIsAColumnDroolsCompilesAndItsCellsAreTyped() {
        DecisionTableDraft draft = DecisionTableDraft.parse(payerTable());
        DecisionTableDraft.RuleTable table = draft.tables().getFirst();
        AssetTemplates.Condition age = AssetTemplates.conditions(Vocabulary.baseline()).stream()
                .filter(c -> c.field().equals("age")).findFirst().orElseThrow();

        table.insertColumn(3, "CONDITION", "Assessment", age.code(), age.heading());
        table.rows().get(3).set(3, "18"); // TRICARE: adults only

        assertThat(table.heading(3)).isEqualTo(age.heading());
        assertThat(table.values(3, Vocabulary.baseline()).hint()).isEqualTo("a whole number from 0 to 130 (years)");
        assertThat(table.rows()).allSatisfy(row -> assertThat(row).hasSize(8));
        String csv = draft.toCsv();
        assertThat(csv).contains("Payer requirements: TRICARE,ELIGIBLE,TRICARE,18,yes,no,6,");
        try (CompiledRules rules = compileWith(csv).rules().orElseThrow()) {
            assertThat(rules).isNotNull();
        }
    }

    @Test
    void anOutcomeIsAddedMovedAndRemovedWithItsCells() {
        DecisionTableDraft draft = DecisionTableDraft.parse(payerTable());
        DecisionTableDraft.RuleTable table = draft.tables().getFirst();
        table.insertColumn(table.width(), "ACTION", "", AssetTemplates.Action.PAYER_WARNING.code(), "Raise the payer warning");
        int added = table.width() - 1;
        table.rows().getFirst().set(added, "PAYER_MINIMUM_HOURS_NOT_MET");
        assertThat(table.values(added, Vocabulary.baseline()).hint()).isEqualTo("a payer warning");
        assertThat(compileWith(draft.toCsv()).problems()).isEmpty();

        table.moveColumn(added, -1);
        assertThat(table.heading(added - 1)).isEqualTo("Raise the payer warning");
        assertThat(table.rows().getFirst().get(added - 1)).isEqualTo("PAYER_MINIMUM_HOURS_NOT_MET");
        assertThat(table.rows().getFirst().get(added)).isEqualTo("60");

        table.removeColumn(added - 1);
        assertThat(draft.toCsv()).isEqualTo(DecisionTableDraft.parse(payerTable()).toCsv());
    }
}

package com.careplace.workbench.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a table generates, each with the sheet row it came from. */
class GeneratedRulesTest {

    @Test
    void eachBaselinePayerRuleComesWithItsRow() {
        String payer = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv")).findFirst()
                .orElseThrow().text();
        var rules = GeneratedRules.of(payer);
        assertThat(rules).extracting(GeneratedRules.Rule::sheetRow).containsExactly(10, 11, 12, 13, 14);
        assertThat(rules.get(3).name()).isEqualTo("Payer requirements: TRICARE");
        assertThat(rules.get(3).drl()).startsWith("rule \"Payer requirements: TRICARE\"").contains("insert(new PayerMinimumHours(6));")
                .endsWith("end\n");
        assertThatThrownBy(() -> GeneratedRules.of("RuleTable X\nCONDITION\n\n\n\nvalue-without-heading\n"))
                .hasMessageStartingWith("Drools cannot read this table yet");
    }
}

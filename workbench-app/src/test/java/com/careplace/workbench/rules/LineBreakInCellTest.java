package com.careplace.workbench.rules;

import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.workbench.TricareMinimum;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision-table cell that holds a line break (Excel keeps them; teams write code over several lines) is
 * compiled as written in every compile path, although Drools reads a {@code .drl.csv} line by line.
 */
class LineBreakInCellTest {

    /** The prior-authorization action of the 1.0.0 payer table, written over three lines. */
    static final String ONE_LINE = "\"if (Answer.yes(\"\"$param\"\")) { insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION)); }\"";
    static final String THREE_LINES = "\"if (Answer.yes(\"\"$param\"\")) {\n    insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));\n}\"";

    private final RuleCompiler compiler = new RuleCompiler();

    static List<RuleAsset> baselineWithPayerTable(String table) {
        return BaselineAssets.load().stream().map(a -> a.path().equals(TricareMinimum.TABLE) ? new RuleAsset(a.path(), table) : a).toList();
    }

    static String payerTableOverLines(String code) {
        String table = BaselineAssets.load().stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst().orElseThrow().text();
        assertThat(table).contains(ONE_LINE);
        return table.replace(ONE_LINE, code);
    }

    @Test
    void aCellOverSeveralLinesCompilesAsWrittenAndEveryScenarioStillPasses() {
        String table = payerTableOverLines(THREE_LINES);
        // What Drools makes of the text itself: the row ends at the first line break, so no payer requires prior
        // authorization any more (or the table does not read at all).
        String droolsCsv;
        try {
            droolsCsv = new SpreadsheetCompiler().compile(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), InputType.CSV);
        } catch (RuntimeException unreadable) {
            droolsCsv = "";
        }
        assertThat(droolsCsv).doesNotContain("PRIOR_AUTHORIZATION));\n}");

        CompileResult result = compiler.compile(baselineWithPayerTable(table));
        assertThat(result.problems()).isEmpty();
        try (CompiledRules rules = result.rules().orElseThrow()) {
            RunReport report = rules.runSuites(ScenarioSuiteReader.bundled());
            assertThat(report.failures()).isEmpty();
            assertThat(report.neverFired()).isEmpty();
        }
        assertThat(GeneratedRules.of(table)).filteredOn(rule -> rule.name().equals("Payer requirements: Medicaid")).singleElement()
                .satisfies(rule -> assertThat(rule.drl()).contains("{\n    insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));\n}"));
        // The grid reads the cell whole, with its line breaks.
        assertThat(DecisionTableDraft.parse(table).tables().getFirst().code()).contains(THREE_LINES.substring(1, THREE_LINES.length() - 1)
                .replace("\"\"", "\""));
    }

    @Test
    void codeThePolicyRefusesOnALaterLineOfACellIsRefusedAtTheTable() {
        String table = payerTableOverLines(THREE_LINES.replace("\n}", "\n    System.exit(3);\n}"));
        CompileResult result = compiler.compile(baselineWithPayerTable(table));
        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.asset()).isEqualTo(TricareMinimum.TABLE))
                .anySatisfy(p -> assertThat(p.message()).contains("System.exit"));
    }
}

package com.careplace.workbench.authoring;

import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioSuiteReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Compile problems land where the author wrote them. */
class RuleCompilerTest {

    private final RuleCompiler compiler = new RuleCompiler();

    private static List<RuleAsset> baselineWith(String name, UnaryOperator<String> edit) {
        return BaselineAssets.load().stream().map(a -> {
            if (!a.name().equals(name)) {
                return a;
            }
            String edited = edit.apply(a.text());
            assertThat(edited).as("the edit must change " + name).isNotEqualTo(a.text());
            return new RuleAsset(a.path(), edited);
        }).toList();
    }

    @Test
    void theBaselineCompilesAndPassesEverySuite() {
        List<RuleAsset> assets = BaselineAssets.load();
        assertThat(assets).filteredOn(RuleAsset::isRuleSource).extracting(RuleAsset::name).containsExactly(
                "diagnosis-categories.drl.csv", "dimension-levels.drl.csv", "iop-eligibility.drl", "payer-requirements.drl.csv",
                "placement.drl");
        assertThat(assets).filteredOn(a -> a.kind() == RuleAsset.Kind.SCENARIO_SUITE).hasSize(6);
        CompileResult result = compiler.compile(assets);
        assertThat(result.problems()).isEmpty();
        try (CompiledRules rules = result.rules().orElseThrow()) {
            RunReport report = rules.runSuites(ScenarioSuiteReader.bundled());
            assertThat(report.failures()).isEmpty();
            assertThat(report.neverFired()).isEmpty();
        }
    }

    @Test
    void aDrlConstraintErrorHasItsLineAndColumn() {
        CompileResult result = compiler.compile(baselineWith("placement.drl",
                drl -> drl.replace("not DimensionRating( rating > 0 )", "not DimensionRating( ratin > 0 )")));
        assertThat(result.compiles()).isFalse();
        CompileProblem problem = result.problems().getFirst();
        assertThat(problem.asset()).isEqualTo("com/careplace/rules/placement.drl");
        String[] lines = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("placement.drl")).findFirst()
                .orElseThrow().text().split("\n");
        assertThat(lines[problem.line() - 1]).contains("not DimensionRating( rating > 0 )");
        assertThat(problem.column()).isNotNull();
        assertThat(problem.message()).contains("ratin");
        assertThat(problem.where()).startsWith("placement.drl:" + problem.line());
    }

    @Test
    void aDrlSyntaxErrorHasItsLine() {
        CompileResult result = compiler.compile(baselineWith("iop-eligibility.drl",
                drl -> drl.replace("rule \"IOP exclusion: medically unstable\"", "rule \"IOP exclusion: medically unstable\" salience")));
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.asset()).endsWith("iop-eligibility.drl");
            assertThat(p.line()).isNotNull();
        });
    }

    @Test
    void aWrongPayerCellIsReportedAtItsRowAndColumn() {
        CompileResult result = compiler.compile(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("ELIGIBLE,MEDICAID,yes", "ELIGIBLE,MEDICAD,yes")));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.asset()).endsWith("payer-requirements.drl.csv");
            assertThat(p.line()).isNull();
            assertThat(p.cell()).isEqualTo(new CompileProblem.TableCell(11, "C", "Payer", "MEDICAD"));
            assertThat(p.message()).isEqualTo("'MEDICAD' in Payer does not compile: cannot resolve Payer.MEDICAD (in `payer == Payer.MEDICAD`)");
            assertThat(p.where()).isEqualTo("payer-requirements.drl.csv row 11, Payer (C)");
        });
    }

    @Test
    void aWrongRatingCellIsReportedAtItsRowAndColumn() {
        CompileResult result = compiler.compile(baselineWith("dimension-levels.drl.csv",
                csv -> csv.replace("minimum level 2.1,D3,2,2.1", "minimum level 2.1,D3,two,2.1")));
        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p.cell()).isEqualTo(new CompileProblem.TableCell(22, "C", "Rating", "two")));
    }

    @Test
    void aWrongCategoryInAnActionCellIsReportedAtItsCell() {
        CompileResult result = compiler.compile(baselineWith("diagnosis-categories.drl.csv",
                csv -> csv.replace("F50,EATING_DISORDER", "F50,EATING_DISORDR")));
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.cell()).isNotNull();
            assertThat(p.cell().heading()).isEqualTo("Category");
            assertThat(p.cell().value()).isEqualTo("EATING_DISORDR");
            assertThat(p.cell().row()).isEqualTo(14);
        });
    }
}

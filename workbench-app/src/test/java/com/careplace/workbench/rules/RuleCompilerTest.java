package com.careplace.workbench.rules;

import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioSuiteReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            // Found from the column's code (a payer of the vocabulary) before Drools compiles the table
            assertThat(p.message()).isEqualTo("'MEDICAD' is not a payer. Allowed: MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
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

    @Test
    void aCategoryTypoSaysWhichCategoriesAreAllowedAtItsCell() {
        // The example: once "cannot be resolved or is not a field" at "row 13, ()".
        CompileResult result = compiler.compile(baselineWith("diagnosis-categories.drl.csv",
                csv -> csv.replace("\"F40, F41\",ANXIETY_DISORDER", "\"F40, F41\",ANXIETY")));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.cell()).isEqualTo(new CompileProblem.TableCell(13, "C", "Category", "ANXIETY"));
            assertThat(p.message()).startsWith("'ANXIETY' is not a diagnosis category. Allowed: SUBSTANCE_USE_DISORDER, "
                    + "DEPRESSIVE_DISORDER, BIPOLAR_DISORDER, ANXIETY_DISORDER");
        });
    }

    @Test
    void valuesThatCompileButMeanNothingAreRefusedAtTheirCells() {
        // Each compiles (or would fail only when a rule runs): the column's code says what it takes.
        CompileResult result = compiler.compile(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("TRICARE,yes,no,6,", "TRICARE,maybe,no,200,")
                        .replace("Medicare,ELIGIBLE,MEDICARE,no,yes,9,60", "Medicare,ELIGIBLE,MEDICARE,no,yes,9,0")));
        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).extracting(p -> p.cell().row() + p.cell().column() + ": " + p.message()).containsExactlyInAnyOrder(
                "13D: 'maybe' is not yes or no. Allowed: yes, no",
                "13F: 200 is out of range: expected a whole number from 0 to 168 (hours per week)",
                "10G: 0 is out of range: expected a whole number from 1 to 365 (days)");
        assertThatThrownBy(() -> compiler.kjar(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("TRICARE,yes,no,6,", "TRICARE,yes,no,200,")), "1.1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 is out of range");
    }

    @Test
    void aDiagnosisCodeThatIsNoCodeBeginningIsRefused() {
        CompileResult result = compiler.compile(baselineWith("diagnosis-categories.drl.csv",
                csv -> csv.replace("F31,BIPOLAR_DISORDER", "f31,BIPOLAR_DISORDER")));
        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith("'f31' is not the beginning of an ICD-10-CM code"));
    }

    @Test
    void aCellThatCarriesCodeIsRefusedAtItsRowColumnAndHeading() {
        // The example: a number cell pasted into an unquoted template ends the JVM without the policy.
        String cell = "6)); System.exit(3); insert(new PayerMinimumHours(6";
        CompileResult result = compiler.compile(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("TRICARE,yes,no,6,", "TRICARE,yes,no," + cell + ",")));
        assertThat(result.rules()).isEmpty();
        // Both at the cell: it is not a number of hours, and the rule policy refuses what it tried.
        assertThat(result.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.cell()).isEqualTo(new CompileProblem.TableCell(13, "F", "Payer minimum hours/week", cell));
            assertThat(p.where()).isEqualTo("payer-requirements.drl.csv row 13, Payer minimum hours/week (F)");
        }).extracting(CompileProblem::message).containsExactly(
                "'" + cell + "' is not a whole number: expected a whole number from 0 to 168 (hours per week)",
                "'" + cell + "' in Payer minimum hours/week: Rules may only use the clinical fact model: `System.exit` is not allowed here");
    }

    @Test
    void codeInATablesTemplateRowIsRefusedThere() {
        CompileResult result = compiler.compile(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("insert(new PayerMinimumHours($param));", "insert(new PayerMinimumHours($param)); Thread.sleep(10);")));
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.cell().row()).as("the code row under the object types").isEqualTo(8);
            assertThat(p.cell().column()).isEqualTo("F");
            assertThat(p.cell().heading()).isEqualTo("Payer minimum hours/week — code");
            assertThat(p.message()).contains("`Thread.sleep` is not allowed here");
        });
    }

    @Test
    void aTablesImportRowIsRefusedThere() {
        CompileResult result = compiler.compile(baselineWith("payer-requirements.drl.csv",
                csv -> csv.replace("com.careplace.placement.facts.*\"", "com.careplace.placement.facts.*, java.lang.reflect.Method\"")));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.cell().row()).isEqualTo(2);
            assertThat(p.cell().heading()).isEqualTo("Import");
            assertThat(p.message()).contains("`java.lang.reflect.Method` is not allowed here");
        });
    }

    @Test
    void refusedDrlIsReportedAtItsLineAndColumn() {
        CompileResult result = compiler.compile(baselineWith("placement.drl", drl -> drl.replace(
                "not DimensionRating( rating > 0 )", "not DimensionRating( rating > Integer.getInteger(\"min\") )")));
        String[] lines = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("placement.drl")).findFirst()
                .orElseThrow().text().split("\n");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(lines[p.line() - 1]).contains("not DimensionRating( rating > 0 )");
            assertThat(lines[p.line() - 1].indexOf("rating > 0") + "rating > ".length() + 1).isEqualTo(p.column());
            assertThat(p.message()).isEqualTo("Rules may only use the clinical fact model: `Integer.getInteger` is not allowed here");
        });
        CompileResult consequence = compiler.compile(baselineWith("placement.drl", drl -> drl.replace(
                "insert( new BaseLevel( LevelOfCare.EARLY_INTERVENTION ) );",
                "insert( new BaseLevel( LevelOfCare.EARLY_INTERVENTION ) );\n    java.nio.file.Files.delete(java.nio.file.Path.of(\"data\"));")));
        assertThat(consequence.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(lines[p.line() - 2]).as("the line before the added one").contains("new BaseLevel( LevelOfCare.EARLY_INTERVENTION )");
            assertThat(p.message()).containsAnyOf("`Path.of` is not allowed here", "`Files.delete` is not allowed here");
        });
    }
}

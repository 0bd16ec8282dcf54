package com.careplace.workbench.rules;

import com.careplace.workbench.TricareMinimum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./careplace check}: the workbench's Check on a folder, for a team's own CI. */
class CheckCommandTest {

    @TempDir
    Path rules;

    private record Run(int status, String out, String err) {
    }

    private Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void writeBaseline() throws IOException {
        for (RuleAsset asset : BaselineAssets.ruleSources()) {
            Files.writeString(rules.resolve(asset.name()), asset.text());
        }
    }

    @Test
    void theReleasedRulesAreClean() throws IOException {
        writeBaseline();
        Run run = check(rules.toString());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo("0 error(s), 0 warning(s); 143 scenarios, 0 failed\n");
    }

    @Test
    void everyProblemIsOneLineWhereItWasWrittenAndTheExitCodeIsOne() throws IOException {
        writeBaseline();
        Path payers = rules.resolve("payer-requirements.drl.csv");
        Files.writeString(payers, Files.readString(payers).replace("TRICARE,yes,no,6,", "TRICARE,yes,no,6)); System.exit(3); insert(new PayerMinimumHours(6,"));
        Path placement = rules.resolve("placement.drl");
        Files.writeString(placement, Files.readString(placement).replace("not DimensionRating( rating > 0 )",
                "not DimensionRating( rating > Integer.getInteger(\"min\") )"));
        Run run = check(rules.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out().lines()).contains(
                payers + " row 13, column F (Payer minimum hours/week): error: '6)); System.exit(3); insert(new PayerMinimumHours(6'"
                        + " is not a whole number: expected a whole number from 0 to 168 (hours per week)",
                payers + " row 13, column F (Payer minimum hours/week): error: '6)); System.exit(3); insert(new PayerMinimumHours(6'"
                        + " in Payer minimum hours/week: Rules may only use the clinical fact model: `System.exit` is not allowed here",
                placement + ":34:35: error: Rules may only use the clinical fact model: `Integer.getInteger` is not allowed here");
        assertThat(run.out()).endsWith("3 error(s), 0 warning(s); scenarios not run\n");
    }

    @Test
    void failingScenariosOfTheTeamsOwnSuitesAreErrors(@TempDir Path suites) throws IOException {
        writeBaseline();
        Path payers = rules.resolve("payer-requirements.drl.csv");
        Files.writeString(payers, TricareMinimum.table(Files.readString(payers), 7));
        ScenarioSuitesOnDisk.writeBundled(suites);
        Run run = check(rules.toString(), suites.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith(suites.toString()).contains(": error: "));
        assertThat(run.out()).containsPattern("\\d+ error\\(s\\), 0 warning\\(s\\); 143 scenarios, [1-9]\\d* failed\n$");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Run run = check(rules.resolve("nope").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("not a directory");
        assertThat(check().status()).isEqualTo(2);
    }

    /** The bundled suites as files, as a team keeping them in git would have them. */
    static final class ScenarioSuitesOnDisk {
        static void writeBundled(Path dir) throws IOException {
            for (var entry : com.careplace.scenario.ScenarioSuiteReader.bundledSources().entrySet()) {
                Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            }
        }
    }
}

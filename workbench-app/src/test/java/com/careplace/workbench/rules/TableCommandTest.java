package com.careplace.workbench.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./careplace table}: a spreadsheet as the workbench stores it, or its DRL, and refusals with the place. */
class TableCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TableCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anXlsPrintsAsStoredAndAsTheRulesItGenerates() throws IOException {
        RuleAsset payer = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals("payer-requirements.drl.csv")).findFirst().orElseThrow();
        Path xls = Files.write(dir.resolve("payer.drl.xls"), DecisionTableWorkbook.toXls(payer.text(), "Payer requirements"));

        assertThat(run(xls.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("RuleTable Payer requirements", "Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,6,");
        out.reset();
        assertThat(run(xls.toString(), "--drl")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rule \"Payer requirements: TRICARE\"", "insert(new PayerMinimumHours(6));");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void whatTheImportRefusesIsAnErrorWithTheReason() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.drl.xlsx"), "not a workbook");
        assertThat(run(broken.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(broken + ": error: not a readable Excel workbook");
        assertThat(run()).isEqualTo(2);
    }
}

package com.careplace.workbench.e2e;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.rules.BaselineAssets;
import com.careplace.workbench.rules.DecisionTableWorkbook;
import com.careplace.workbench.rules.RuleAsset;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A team moving off Business Central brings an Excel 97 table into the payer rules: the grid shows it
 * with the new value, the generated rules sit beside the grid with each rule leading to its row, and a
 * sheet the grid cannot edit is shown as it is.
 */
class SpreadsheetImportE2ETest extends RunningWorkbench {

    @Test
    void anXlsComesInItsGeneratedRulesLeadToTheRowsAndASheetTheGridCannotEditIsShownAsItIs() {
        String payer = BaselineAssets.ruleSources().stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst()
                .map(RuleAsset::text).orElseThrow();
        byte[] xls = DecisionTableWorkbook.toXls(TricareMinimum.table(payer, 7), "Payer requirements");
        // The table two columns right, with a note in column A beside one rule: the grid cannot take it as it is
        String moved = TricareMinimum.table(payer, 7).lines().map(line -> line.startsWith("RuleSet") || line.startsWith("Import")
                || line.startsWith("Notes") || line.isBlank() ? line : ",," + line).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                .replace(",,Payer requirements: TRICARE,", "check with finance,,Payer requirements: TRICARE,");
        byte[] annotated = DecisionTableWorkbook.toXlsx(moved, "Payer requirements");
        try (Browser browser = new Browser(baseUrl())) {
            Page page = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(page, "Payer table from the old system", "Moving off Business Central");
            AuthorSteps.confirmOpen(page, "Payer table from the old system");
            AuthorSteps.openAsset(page, "Payer requirements", "decision table");
            page.locator("vaadin-upload.table-import input[type=file]")
                    .setInputFiles(new FilePayload("payer.drl.xls", "application/vnd.ms-excel", xls));
            assertThat(page.getByText(Pattern.compile("^Imported payer\\.drl\\.xls with the rules Drools reads from it"))).isVisible();
            assertThat(page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 4'] input")).hasValue("7");
            // It goes out as it came in: an .xls, downloaded by the browser
            Browser.screenshotAtBothSizes(page, "60-a-table-from-an-xls-exports-as-xls");
            com.microsoft.playwright.Download download = page.waitForDownload(() -> Browser.button(page, "Export to Excel (.xls)").click());
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("payer-requirements.drl.xls");
            try {
                byte[] exported = java.nio.file.Files.readAllBytes(download.path());
                org.assertj.core.api.Assertions.assertThat(java.util.Arrays.copyOf(exported, 4)).as("an OLE2 (Excel 97) file")
                        .containsExactly(0xD0, 0xCF, 0x11, 0xE0);
                org.assertj.core.api.Assertions.assertThat(com.careplace.workbench.rules.SpreadsheetImport.read("back.drl.xls", exported).drl())
                        .contains("insert(new PayerMinimumHours(7));");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }

            // Code over several lines, as Excel keeps it: it comes in whole and is edited in an area that keeps the line breaks
            String overLines = TricareMinimum.table(payer, 7).replace(
                    "\"if (Answer.yes(\"\"$param\"\")) { insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION)); }\"",
                    "\"if (Answer.yes(\"\"$param\"\")) {\n    insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));\n}\"");
            page.locator("vaadin-upload.table-import input[type=file]").setInputFiles(new FilePayload("payer-lines.drl.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DecisionTableWorkbook.toXlsx(overLines, "Payer requirements")));
            assertThat(page.getByText(Pattern.compile("^Imported payer-lines\\.drl\\.xlsx"))).isVisible();
            Browser.button(page, "Columns…").click();
            page.getByText("Show the code (object type and template of each column)").click();
            assertThat(page.locator(".table-columns-dialog vaadin-text-area textarea").first()).hasValue(Pattern.compile("\\{\n    insert"));
            Browser.screenshotAtBothSizes(page, "65-code-over-several-lines");
            Browser.button(page, "Done").click();
            page.locator("vaadin-upload.table-import input[type=file]").setInputFiles(new FilePayload("payer.drl.xls", "application/vnd.ms-excel", xls));
            assertThat(page.getByText(Pattern.compile("^Imported payer\\.drl\\.xls with"))).isVisible();

            Browser.button(page, "Generated rules").click();
            Locator generated = page.locator(".generated-rules");
            assertThat(generated.locator("pre").nth(3)).containsText("insert(new PayerMinimumHours(7));");
            Browser.screenshotAtBothSizes(page, "58-generated-rules-beside-the-grid");
            Browser.button(page, "Rule 5: Payer requirements: self-pay").click();
            assertThat(page.locator("vaadin-text-field[aria-label='Rule, rule 5'] input")).isInViewport();
            Browser.button(page, "Close").click();

            page.locator("vaadin-upload.table-import input[type=file]").setInputFiles(new FilePayload("annotated.drl.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", annotated));
            assertThat(page.locator(".sheet-as-it-is-note")).containsText("shown as it is, read-only");
            assertThat(page.locator("vaadin-grid.sheet-as-it-is")).isVisible();
            Browser.screenshotAtBothSizes(page, "59-a-sheet-the-grid-cannot-edit");
        }
    }
}

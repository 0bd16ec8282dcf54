package com.careplace.workbench.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinical director edits decision tables in Chromium without a manual: every row of the longest table
 * reachable by the mouse wheel; a new payer whose missing rule Check's table verification reports as a gap;
 * the rule added by picking each value from its list (no code typed) and the gap gone; a typo told at once
 * with the allowed values; Check pointing at the rule in words without moving the grid; a warning before
 * unsaved edits are left behind; one save with one reason.
 */
class GuidedTableE2ETest extends RunningWorkbench {

    static final String TITLE = "Medicare Advantage";

    @Test
    void anAuthorAddsAPayerRuleByPickingValuesCoversItWithAScenarioRestoresAVersionAndSubmits() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(page, TITLE, "Contract signed 2026-11");
            AuthorSteps.confirmOpen(page, TITLE);

            // The longest table (30 rules): the last one is reached with the wheel, at the smaller screen too.
            page.setViewportSize(1024, 768);
            AuthorSteps.openAsset(page, "Dimension levels", "decision table");
            Locator last = page.locator("[aria-label='Rule, rule 30'] input");
            Locator first = page.locator("[aria-label='Rule, rule 1'] input");
            page.locator("vaadin-grid.rule-grid").hover();
            page.mouse().wheel(0, 4000);
            assertThat(last).isInViewport();
            // And by keyboard: Escape leaves the cell's field for the grid, Ctrl+Home and Ctrl+End go to the first and last rule.
            last.click();
            page.keyboard().press("Escape");
            page.keyboard().press("Control+Home");
            assertThat(first).isInViewport();
            assertThat(last).not().isInViewport();
            page.keyboard().press("Control+End");
            assertThat(last).isInViewport();
            page.keyboard().press("Enter");
            assertThat(page.locator("[aria-label='Rule, rule 30'] input")).isFocused();
            assertThat(last).hasValue("D6 recovery environment rated 4: minimum level 3.5");
            assertThat(page.locator("[aria-label='Rule, rule 30']")).isVisible();
            // Check leaves the grid where the author scrolled it (it used to rebuild it, back at rule 1).
            int scrolled = scrollTop(page);
            Browser.button(page, "Check").click();
            assertThat(page.locator(".check-summary[data-passes]")).hasText(Pattern.compile("all 143 scenarios pass"));
            assertThat(scrolled).isGreaterThan(300);
            assertThat(scrollTop(page)).as("Check keeps the grid's scroll position").isBetween(scrolled - 60, scrolled + 60);
            Browser.screenshotAtBothSizes(page, "40-longest-table-scrolled-to-its-end");

            // A payer added to the vocabulary has no rule yet: Check's table verification says so.
            page.setViewportSize(1440, 900);
            AuthorSteps.openAsset(page, "Payers", "vocabulary");
            Browser.button(page, "Add payer").click();
            AuthorSteps.fill(page, "Code, entry 6", "MEDICARE_ADVANTAGE");
            AuthorSteps.fill(page, "Name, entry 6", "Medicare Advantage");
            AuthorSteps.save(page, "Medicare Advantage contract signed", "Saved Payers as revision 2");
            Browser.button(page, "Check").click();
            Locator summary = page.locator(".check-summary[data-passes]");
            assertThat(summary).hasText(Pattern.compile("all 143 scenarios pass · 1 table finding"));
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("No rule for Payer MEDICARE_ADVANTAGE")).first()).isVisible();
            Browser.screenshotAtBothSizes(page, "41-gap-found-by-table-verification");

            // The author adds the rule by picking each value from its list: no code typed.
            AuthorSteps.openAsset(page, "Payer requirements", "decision table");
            assertThat(page.locator(".table-findings")).containsText("No rule for Payer MEDICARE_ADVANTAGE");
            Browser.button(page, "Add rule row").click();
            AuthorSteps.fill(page, "Rule, rule 6", "Payer requirements: Medicare Advantage");
            pick(page, "IOP status, rule 6", "ELIGIBLE");
            pick(page, "Payer, rule 6", "MEDICARE_ADVANTAGE");
            pick(page, "Prior authorization, rule 6", "yes");
            pick(page, "Physician certification, rule 6", "yes");
            // A typo is told at the cell as it is typed, with what the column takes.
            AuthorSteps.fill(page, "Payer minimum hours/week, rule 6", "nine");
            assertThat(page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 6']")).hasAttribute("invalid", "");
            assertThat(page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 6'] [slot=error-message]"))
                    .hasText("'nine' is not a whole number: expected a whole number from 0 to 168 (hours per week)");
            Browser.screenshotAtBothSizes(page, "42-guided-payer-rule-with-a-typo");
            AuthorSteps.fill(page, "Payer minimum hours/week, rule 6", "9");
            assertThat(page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 6']")).not().hasAttribute("invalid", "");
            assertThat(page.locator(".asset-cell", new Page.LocatorOptions().setHasText("unsaved"))).hasCount(1);

            // Check says where in words, and leaves the grid where it was.
            AuthorSteps.fill(page, "Payer, rule 2", "MEDICAD");
            int before = scrollTop(page);
            Browser.button(page, "Check").click();
            assertThat(summary).hasText(Pattern.compile("Does not compile: 1 problem"));
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("Payer requirements, rule 2 (Payer requirements: Medicaid), Payer")).first()).isVisible();
            assertThat(scrollTop(page)).as("Check keeps the grid's scroll position").isBetween(before - 40, before + 40);
            Browser.screenshotAtBothSizes(page, "43-check-points-at-the-rule-in-words");
            pick(page, "Payer, rule 2", "MEDICAID");
            Browser.button(page, "Check").click();
            // The gap is gone; the new rule fires in no scenario yet.
            assertThat(summary).hasText(Pattern.compile("Compiles · all 143 scenarios pass · 1 rule\\(s\\) never fired · compile"));
            assertThat(page.locator(".table-findings")).isHidden();

            // Leaving with unsaved edits asks first; staying keeps them.
            page.locator(".back-link").click();
            assertThat(page.getByText("Leave without saving?")).isVisible();
            Browser.screenshotAtBothSizes(page, "44-leave-without-saving");
            Browser.button(page, "Stay here").click();
            assertThat(page.locator("[aria-label='Rule, rule 6'] input")).hasValue("Payer requirements: Medicare Advantage");

            AuthorSteps.save(page, "Medicare Advantage requirements from the contract", "Saved Payer requirements as revision 2");
            assertThat(page.locator(".asset-cell", new Page.LocatorOptions().setHasText("unsaved"))).hasCount(0);

            // The new rule fires in no scenario yet: the author adds one in the suite's table, no YAML typed.
            AuthorSteps.openAsset(page, "Payer requirements", "scenario suite");
            Browser.button(page, "Add scenario").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("MEDICARE_ADVANTAGE: eligible adult with 12 hours");
            page.getByLabel("Age", new Page.GetByLabelOptions().setExact(true)).fill("34");
            page.getByLabel("Diagnoses (ICD-10-CM, comma-separated)").fill("F10.20");
            page.getByLabel("D3 Emotional, behavioral or cognitive conditions").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("2").setExact(true)).click();
            page.getByLabel("Available hours per week").fill("12");
            choose(page, "Payer", "MEDICARE_ADVANTAGE");
            choose(page, "Level of care", "2.1");
            page.getByLabel("IOP status").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("ELIGIBLE").setExact(true)).click();
            Browser.screenshotAtBothSizes(page, "45-new-scenario-form");
            Browser.button(page, "Done").click();
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("MEDICARE_ADVANTAGE: eligible adult with 12 hours")).first()).isVisible();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Text")).click();
            assertThat(page.locator(".code-editor textarea").last()).hasValue(Pattern.compile(
                    "  - name: \"MEDICARE_ADVANTAGE: eligible adult with 12 hours\"\n    given:\n      age: 34\n"));
            AuthorSteps.save(page, "A scenario for the Medicare Advantage rule", "Saved Payer requirements as revision 2");
            Browser.button(page, "Check").click();
            assertThat(summary).hasText(Pattern.compile("Compiles · all 144 scenarios pass · compile"));

            // A wrong turn, saved: then the table's history brings the good version back.
            AuthorSteps.openAsset(page, "Payer requirements", "decision table");
            AuthorSteps.fill(page, "Payer minimum hours/week, rule 4", "7");
            AuthorSteps.save(page, "Trying 7 hours for TRICARE", "Saved Payer requirements as revision 3");
            Browser.button(page, "History").click();
            Locator history = page.locator("vaadin-dialog.asset-history-dialog");
            assertThat(history).hasAttribute("opened", "");
            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("Medicare Advantage requirements from the contract"))
                    .first().click();
            assertThat(page.locator(".history-lines .removed")).containsText("TRICARE,ELIGIBLE,TRICARE,yes,no,6,");
            assertThat(page.locator(".history-lines .added")).containsText("TRICARE,ELIGIBLE,TRICARE,yes,no,7,");
            Browser.screenshotAtBothSizes(page, "46-history-compare");
            Browser.button(page, "Restore this version").click();
            assertThat(page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 4'] input")).hasValue("6");
            AuthorSteps.save(page, "Back to 6 hours: the manual was misread", "Saved Payer requirements as revision 4");

            AuthorSteps.submit(page);
            Browser.screenshotAtBothSizes(page, "47-submitted");
        }
        assertThat(jdbc.queryForList("select v.reason from asset_version v join rule_asset a on a.id = v.asset_id "
                + "where a.path = 'com/careplace/rules/payer-requirements.drl.csv' order by v.revision", String.class))
                .endsWith("Medicare Advantage requirements from the contract", "Trying 7 hours for TRICARE",
                        "Back to 6 hours: the manual was misread");
        String table = jdbc.queryForObject("select v.content from asset_version v join rule_asset a on a.id = v.asset_id "
                + "where a.path = 'com/careplace/rules/payer-requirements.drl.csv' and v.revision = 4", String.class);
        assertThat(table).endsWith("\nPayer requirements: Medicare Advantage,ELIGIBLE,MEDICARE_ADVANTAGE,yes,yes,9,\n");
    }

    /** Opens the list of a grid cell and picks a value from it, by mouse: no code typed. */
    private static void pick(Page page, String cell, String value) {
        page.locator("vaadin-combo-box[aria-label='" + cell + "'] input").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile("^" + AuthorSteps.jsQuote(value) + "( —.*)?$")))
                .first().click();
        assertThat(page.locator("vaadin-combo-box[aria-label='" + cell + "'] input")).hasValue(value);
    }

    /** Types the start of a value into a list field of a form and picks it from the list. */
    private static void choose(Page page, String label, String value) {
        page.getByLabel(label, new Page.GetByLabelOptions().setExact(true)).fill(value);
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(value).setExact(true)).click();
    }

    private static int scrollTop(Page page) {
        return ((Number) page.locator("vaadin-grid.rule-grid").evaluate("g => g.$.table.scrollTop")).intValue();
    }
}

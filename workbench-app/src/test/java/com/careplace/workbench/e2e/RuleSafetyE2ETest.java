package com.careplace.workbench.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's own attempt, as an author would make it in the browser: a number cell of the payer table
 * that carries code. Check refuses it at the cell, in words, and nothing of it runs; submit is refused.
 */
class RuleSafetyE2ETest extends RunningWorkbench {

    static final String PAYLOAD = "6)); System.exit(3); insert(new PayerMinimumHours(6";

    @Test
    void aCellCarryingCodeIsRefusedAtTheCellAndTheWorkbenchRunsOn() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(page, "TRICARE minimum", "Trying what the table accepts");
            AuthorSteps.confirmOpen(page, "TRICARE minimum");
            page.getByText("payer-requirements.drl.csv").click();
            Locator cell = page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, row 13'] input");
            cell.fill(PAYLOAD);
            cell.press("Tab");

            Browser.button(page, "Check").click();
            Locator summary = page.locator(".check-summary[data-passes]");
            assertThat(summary).hasText(Pattern.compile("Does not compile: 1 problem"));
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("Rules may only use the clinical fact model: `System.exit` is not allowed here")).first()).isVisible();
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("payer-requirements.drl.csv row 13, Payer minimum hours/week (F)")).first()).isVisible();
            Browser.screenshotAtBothSizes(page, "safety-01-refused-at-the-cell");

            AuthorSteps.save(page, "Trying what the table accepts", "revision 2, saved by dana");
            Browser.button(page, "Submit for review").click();
            assertThat(page.locator("vaadin-notification-card", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("Not submitted: .*`System.exit` is not allowed here"))).first()).isVisible();
            Browser.screenshotAtBothSizes(page, "safety-02-submit-refused");
        }
        assertThat(jdbc.queryForObject("select status from change_request where title = ?", String.class, "TRICARE minimum"))
                .isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'change-request.check' and detail like ?",
                Integer.class, "%System.exit%")).isPositive();
    }
}

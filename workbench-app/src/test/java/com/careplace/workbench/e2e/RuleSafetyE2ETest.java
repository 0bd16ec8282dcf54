package com.careplace.workbench.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.careplace.workbench.rules.RuleSandboxTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's own attempt, as an author would make it in the browser: a number cell of the payer table
 * that carries code. Check refuses it at the cell, in words, and nothing of it runs; submit is refused.
 */
@TestPropertySource(properties = "careplace.sandbox.timeout=8s")
class RuleSafetyE2ETest extends RunningWorkbench {

    static final String PAYLOAD = "6)); System.exit(3); insert(new PayerMinimumHours(6";

    @Test
    void aCellCarryingCodeIsRefusedAtTheCellAndTheWorkbenchRunsOn() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = newChangeRequestOn(browser, "TRICARE minimum", "Payer requirements", "decision table");
            Locator cell = page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 4'] input");
            cell.fill(PAYLOAD);
            cell.press("Tab");

            Browser.button(page, "Check").click();
            Locator summary = page.locator(".check-summary[data-passes]");
            assertThat(summary).hasText(Pattern.compile("Does not compile: 2 problem"));
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("Rules may only use the clinical fact model: `System.exit` is not allowed here")).first()).isVisible();
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText("Payer requirements, rule 4 (Payer requirements: TRICARE), Payer minimum hours/week")).first()).isVisible();
            Browser.screenshotAtBothSizes(page, "safety-01-refused-at-the-cell");

            AuthorSteps.save(page, "Trying what the rules accept", "revision 2, saved by dana");
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

    /** Rules the policy allows but that never finish: the author is told, and can go on working. */
    @Test
    void aCheckThatNeverFinishesIsStoppedAndSaysSo() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = newChangeRequestOn(browser, "Long codes", "Placement", "DRL rules");
            Locator drl = page.locator(".code-editor textarea").last();
            assertThat(drl).isVisible();
            String rules = RuleSandboxTest.ENDLESS_SEARCH.substring(RuleSandboxTest.ENDLESS_SEARCH.indexOf("rule \""));
            drl.fill(drl.inputValue() + "\n" + rules);
            drl.press("Tab");

            Browser.button(page, "Check").click();
            Locator summary = page.locator(".check-summary[data-passes]");
            assertThat(summary).hasText(Pattern.compile("Check stopped: the rules did not finish within 8 s"));
            Browser.screenshotAtBothSizes(page, "safety-03-check-stopped");

            // The author can go on: the screen is not blocked, and the next Check gets a fresh worker.
            page.mouse().move(5, 5); // away from the Check button: its tooltip names it while it shows
            assertThat(Browser.button(page, "Check")).isEnabled();
            Browser.screenshot(page, "safety-04-after-stop");
        }
    }

    /** Dana opens a new change request and the asset named {@code asset} in it. */
    private static Page newChangeRequestOn(Browser browser, String title, String asset, String kind) {
        Page page = browser.signIn("dana", "dana-demo-password");
        AuthorSteps.openChangeRequest(page, title, "Trying what the rules accept");
        AuthorSteps.confirmOpen(page, title);
        AuthorSteps.openAsset(page, asset, kind);
        return page;
    }
}

package com.careplace.workbench.e2e;

import com.careplace.workbench.TricareMinimum;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The author's main loop in a real headless Chromium against the running workbench: sign in, open a
 * change request, change a decision-table cell, check, see the scenario that now fails, fix the
 * scenario, see everything green, submit.
 */
class AuthoringLoopE2ETest extends RunningWorkbench {

    static final String TITLE = "TRICARE minimum raised to 7 hours";

    @Test
    void authorChangesACellSeesTheScenarioFailFixesItAndSubmits() {
        try (Browser browser = new Browser(baseUrl())) {
            mainLoop(browser);
        }
    }

    private void mainLoop(Browser browser) {
        Page page = browser.signIn("dana", "dana-demo-password");
        Browser.screenshot(page, "01-change-requests");

        AuthorSteps.openChangeRequest(page, TITLE, "TRICARE manual 2026, chapter 7");
        Browser.screenshot(page, "02-new-change-request");
        AuthorSteps.confirmOpen(page, TITLE);

        AuthorSteps.setTricareMinimumHours(page, 7);
        Browser.screenshot(page, "03-decision-table-edited");

        Browser.button(page, "Check").click();
        Locator summary = page.locator(".check-summary[data-passes]");
        assertThat(summary).hasText(Pattern.compile("1 of 143 scenarios fail"));
        assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(TricareMinimum.SCENARIO)).first())
                .isVisible();
        assertThat(page.locator("vaadin-grid-cell-content",
                new Page.LocatorOptions().setHasText("expected payer.warnings [], got [PAYER_MINIMUM_HOURS_NOT_MET]")).first()).isVisible();
        Browser.screenshot(page, "04-check-scenario-fails");

        AuthorSteps.save(page, "TRICARE minimum is 7 hours from 2026", "revision 2, saved by dana");

        // The author opens the failing scenario's suite as text and fixes the expectation.
        AuthorSteps.expectMinimumHoursWarning(page);
        Browser.screenshot(page, "05-scenario-suite-text");
        AuthorSteps.save(page, "6 hours is now below TRICARE's minimum", "Saved Payer requirements as revision 2");

        Browser.button(page, "Check").click();
        assertThat(summary).hasText(Pattern.compile("all 143 scenarios pass"));
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Table").setExact(true)).click();
        Browser.screenshot(page, "06-all-green");

        AuthorSteps.submit(page);
        Browser.screenshot(page, "07-submitted");
        assertThat(jdbc.queryForObject("select status from change_request where title = ?", String.class, TITLE))
                .isEqualTo("SUBMITTED");
    }
}

package com.careplace.workbench.e2e;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.WorkbenchApplication;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The author's main loop in a real headless Chromium against the running workbench: sign in, open a
 * change request, change a decision-table cell, check, see the scenario that now fails, fix the
 * scenario, see everything green, submit.
 */
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careplace.demo-users=true")
class AuthoringLoopE2ETest {

    static final String FAILING = "TRICARE adolescent with 6 hours meets payer minimum";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void authorChangesACellSeesTheScenarioFailFixesItAndSubmits() {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            mainLoop(browser);
        }
    }

    private void mainLoop(Browser browser) {
        Page page = browser.signIn("dana", "dana-demo-password");
        Browser.screenshot(page, "01-change-requests");

        page.getByText("New change request").click();
        page.getByLabel("Title").fill("TRICARE minimum raised to 7 hours");
        page.getByLabel("Rationale").fill("TRICARE manual 2026, chapter 7");
        Browser.screenshot(page, "02-new-change-request");
        Browser.button(page, "Open").click();
        assertThat(page.getByText("TRICARE minimum raised to 7 hours").first()).isVisible();

        page.getByText("payer-requirements.drl.csv").click();
        Locator tricareHours = page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, row 13'] input");
        assertThat(tricareHours).hasValue("6");
        tricareHours.fill("7");
        tricareHours.press("Tab");
        Browser.screenshot(page, "03-decision-table-edited");

        Browser.button(page, "Check").click();
        Locator summary = page.locator(".check-summary[data-passes]");
        assertThat(summary).hasText(java.util.regex.Pattern.compile("1 of 143 scenarios fail"));
        assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(FAILING)).first()).isVisible();
        assertThat(page.locator("vaadin-grid-cell-content",
                new Page.LocatorOptions().setHasText("expected payer.warnings [], got [PAYER_MINIMUM_HOURS_NOT_MET]")).first()).isVisible();
        Browser.screenshot(page, "04-check-scenario-fails");

        page.locator("input[placeholder='Why this change (kept in the history)']").fill("TRICARE minimum is 7 hours from 2026");
        Browser.button(page, "Save").click();
        assertThat(page.getByText("revision 2, saved by dana")).isVisible();

        // The author opens the failing scenario's suite as text and fixes the expectation.
        page.getByText("06-payer-requirements.yaml").click();
        assertThat(page.locator(".asset-path")).hasText("scenarios/06-payer-requirements.yaml");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Text")).click();
        assertThat(page.locator(".code-editor textarea").last()).isVisible();
        Locator yaml = page.locator(".code-editor textarea").last();
        String text = yaml.inputValue();
        int at = text.indexOf("warnings: []", text.indexOf(FAILING));
        yaml.fill(text.substring(0, at) + "warnings: [PAYER_MINIMUM_HOURS_NOT_MET]" + text.substring(at + "warnings: []".length()));
        yaml.press("Tab");
        assertThat(yaml).hasValue(java.util.regex.Pattern.compile("warnings: \\[PAYER_MINIMUM_HOURS_NOT_MET\\]"));
        Browser.screenshot(page, "05-scenario-suite-text");
        page.locator("input[placeholder='Why this change (kept in the history)']").fill("6 hours is now below TRICARE's minimum");
        Browser.button(page, "Save").click();
        assertThat(page.getByText("Saved 06-payer-requirements.yaml as revision 2")).isVisible();

        Browser.button(page, "Check").click();
        assertThat(summary).hasText(java.util.regex.Pattern.compile("all 143 scenarios pass"));
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Table")).click();
        Browser.screenshot(page, "06-all-green");

        Browser.button(page, "Submit for review").click();
        assertThat(page.locator(".cr-status")).hasText("submitted");
        Browser.screenshot(page, "07-submitted");
        assertThat(jdbc.queryForObject("select status from change_request where title = 'TRICARE minimum raised to 7 hours'", String.class))
                .isEqualTo("SUBMITTED");
    }
}

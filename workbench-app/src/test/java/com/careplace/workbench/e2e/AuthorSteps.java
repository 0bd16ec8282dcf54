package com.careplace.workbench.e2e;

import com.careplace.workbench.TricareMinimum;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What an author does in the browser to raise TRICARE's weekly minimum, step by step, so that every
 * end-to-end test drives the same screens the same way.
 */
final class AuthorSteps {

    private static final String REASON_FIELD = "input[placeholder='Why this change (kept in the history)']";

    private AuthorSteps() {
    }

    /** From the change request list: a new change request, opened on its own screen. */
    static void openChangeRequest(Page page, String title, String rationale) {
        page.getByText("New change request").click();
        page.getByLabel("Title").fill(title);
        page.getByLabel("Rationale").fill(rationale);
    }

    static void confirmOpen(Page page, String title) {
        Browser.button(page, "Open").click();
        assertThat(page.getByText(title).first()).isVisible();
    }

    /** Opens the payer decision table and changes TRICARE's minimum hours cell (row 13) from 6. */
    static void setTricareMinimumHours(Page page, int hours) {
        page.getByText("payer-requirements.drl.csv").click();
        Locator cell = page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, row 13'] input");
        assertThat(cell).hasValue("6");
        cell.fill(String.valueOf(hours));
        cell.press("Tab");
    }

    /** Saves the asset on screen with the reason the history keeps, and waits until it is saved. */
    static void save(Page page, String reason, String savedMessage) {
        page.locator(REASON_FIELD).fill(reason);
        Browser.button(page, "Save").click();
        assertThat(page.getByText(savedMessage)).isVisible();
    }

    /** Opens the payer suite as text and makes {@link TricareMinimum#SCENARIO} expect the minimum-hours warning. */
    static void expectMinimumHoursWarning(Page page) {
        page.getByText("06-payer-requirements.yaml").click();
        assertThat(page.locator(".asset-path")).hasText("scenarios/06-payer-requirements.yaml");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Text")).click();
        Locator yaml = page.locator(".code-editor textarea").last();
        assertThat(yaml).isVisible();
        yaml.fill(TricareMinimum.suiteExpectingWarning(yaml.inputValue()));
        yaml.press("Tab");
        assertThat(yaml).hasValue(Pattern.compile("warnings: \\[PAYER_MINIMUM_HOURS_NOT_MET\\]"));
    }

    /** Types into the grid cell or vocabulary field with this accessible name, and leaves it (the value is sent). */
    static void fill(Page page, String label, String value) {
        Locator input = page.locator("vaadin-text-field[aria-label='" + label + "'] input");
        input.fill(value);
        input.press("Tab");
    }

    static void submit(Page page) {
        Browser.button(page, "Submit for review").click();
        assertThat(page.locator(".cr-status")).hasText("submitted");
    }
}

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

    private AuthorSteps() {
    }

    /** From the change request list: a new change request, opened on its own screen. */
    static void openChangeRequest(Page page, String title, String rationale) {
        Browser.button(page, "New change request").click();
        page.getByLabel("Title").fill(title);
        page.getByLabel("Rationale").fill(rationale);
    }

    static void confirmOpen(Page page, String title) {
        Browser.button(page, "Open").click();
        assertThat(page.getByText(title).first()).isVisible();
    }

    /** Opens the payer decision table and changes TRICARE's minimum hours cell (rule 4) from 6. */
    static void setTricareMinimumHours(Page page, int hours) {
        openAsset(page, "Payer requirements", "decision table");
        Locator cell = page.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 4'] input");
        assertThat(cell).hasValue("6");
        cell.fill(String.valueOf(hours));
        cell.press("Tab");
    }

    /** Opens the asset listed as {@code title} of this kind ("decision table", "vocabulary", "scenario suite", "DRL rules"). */
    static void openAsset(Page page, String title, String kind) {
        page.locator(".asset-cell").filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + jsQuote(title))))
                .filter(new Locator.FilterOptions().setHasText(kind)).first().click();
        assertThat(page.locator(".asset-title")).hasText(title);
    }

    /** {@code text} as a regular expression that matches it literally in the browser too (JavaScript knows no {@code \\Q…\\E}). */
    static String jsQuote(String text) {
        return text.replaceAll("[^\\w\\s]", "\\\\$0");
    }

    /** Saves every edited asset with the reason the history keeps (Save changes, then the dialog), and waits until saved. */
    static void save(Page page, String reason, String savedMessage) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Save changes"))).click();
        page.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill(reason);
        Browser.button(page, "Save").click();
        assertThat(page.getByText(savedMessage).first()).isVisible();
    }

    /** Opens the payer suite as text and makes {@link TricareMinimum#SCENARIO} expect the minimum-hours warning. */
    static void expectMinimumHoursWarning(Page page) {
        openAsset(page, "Payer requirements", "scenario suite");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Text")).click();
        Locator yaml = page.locator(".code-editor textarea").last();
        assertThat(yaml).isVisible();
        yaml.fill(TricareMinimum.suiteExpectingWarning(yaml.inputValue()));
        yaml.press("Tab");
        assertThat(yaml).hasValue(Pattern.compile("warnings: \\[PAYER_MINIMUM_HOURS_NOT_MET\\]"));
    }

    /** Types into the grid cell (text or list) or vocabulary field with this accessible name, and leaves it (the value is sent). */
    static void fill(Page page, String label, String value) {
        Locator input = page.locator("[aria-label='" + label + "'] input");
        input.fill(value);
        input.press("Tab");
    }

    /** Submits a change request whose new rules no scenario fires yet, with the reason the reviewer will read. */
    static void submitWithCoverageWaiver(Page page, String reason) {
        Browser.button(page, "Submit for review").click();
        page.getByLabel("Reason to submit without scenarios").fill(reason);
        Browser.screenshotAtBothSizes(page, "coverage-waiver");
        Browser.button(page, "Submit with this reason").click();
        assertThat(page.locator(".cr-status")).hasText("submitted");
    }

    /** The TRICARE change of the review tests: minimum raised to 7 hours, the scenario it moves updated, submitted. */
    static void submitTricareSevenHours(Page dana, String title) {
        openChangeRequest(dana, title, "TRICARE manual 2026, chapter 7");
        confirmOpen(dana, title);
        setTricareMinimumHours(dana, 7);
        save(dana, "TRICARE minimum is 7 hours from 2026", "revision 2, saved by dana");
        expectMinimumHoursWarning(dana);
        save(dana, "6 hours is now below TRICARE's minimum", "Saved Payer requirements as revision 2");
        submit(dana);
    }

    static void submit(Page page) {
        Browser.button(page, "Submit for review").click();
        assertThat(page.locator(".cr-status")).hasText("submitted");
    }
}

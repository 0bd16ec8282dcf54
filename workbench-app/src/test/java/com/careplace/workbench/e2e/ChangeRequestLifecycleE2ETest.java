package com.careplace.workbench.e2e;

import com.careplace.workbench.SignedIn;
import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.review.ReviewService;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change request in Chromium while mainline moves under it: told on its screen, brought up to date by
 * combining both changes; a condition column added from the picker; then withdrawn by its author.
 */
class ChangeRequestLifecycleE2ETest extends RunningWorkbench {

    static final String TITLE = "Medicaid state plan wording";

    @Autowired
    ChangeRequestService changes;
    @Autowired
    ReviewService review;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private String text(String changeRequestId, String path) {
        return changes.assets(changeRequestId).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
    }

    @Test
    void mainlineMovesTheAuthorCombinesBothChangesAddsAColumnAndWithdraws() {
        // Dana's edit to the Medicaid rule; meanwhile Alex's TRICARE change is approved into mainline.
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest medicaid = changes.open(TITLE, "State bulletin 2026-20", "dana");
        changes.save(medicaid.id(), TricareMinimum.TABLE, text(medicaid.id(), TricareMinimum.TABLE)
                .replace("Payer requirements: Medicaid,", "Payer requirements: Medicaid (state plan),"), 1, "dana", "State plan name");
        SignedIn.as("alex", Role.AUTHOR);
        ChangeRequest tricare = changes.open("TRICARE minimum 7 hours", "TRICARE manual 2026", "alex");
        changes.save(tricare.id(), TricareMinimum.TABLE, TricareMinimum.table(text(tricare.id(), TricareMinimum.TABLE), 7), 1, "alex", "7 hours");
        changes.save(tricare.id(), TricareMinimum.SUITE, TricareMinimum.suiteExpectingWarning(text(tricare.id(), TricareMinimum.SUITE)),
                1, "alex", "6 hours is below it now");
        changes.submit(tricare.id(), "alex");
        SignedIn.as("morgan", Role.REVIEWER);
        review.approve(tricare.id(), "morgan", "ok", null, changes.stamp(tricare.id()));
        SignedIn.out();

        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            dana.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(TITLE)).first().click();
            assertThat(dana.locator(".stale-note")).containsText("Mainline changed since this change request began: Payer requirements was changed there too");
            Browser.screenshotAtBothSizes(dana, "50-mainline-moved");
            Browser.button(dana, "Bring up to date…").click();
            assertThat(dana.locator(".stale-asset")).containsText("on different lines: both can be kept");
            dana.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill("TRICARE 7 hours approved meanwhile");
            Browser.screenshotAtBothSizes(dana, "51-bring-up-to-date");
            Browser.button(dana, "Combine both (recommended)").click();
            assertThat(dana.locator(".stale-note")).isHidden();

            AuthorSteps.openAsset(dana, "Payer requirements", "decision table");
            assertThat(dana.locator("vaadin-text-field[aria-label='Payer minimum hours/week, rule 4'] input")).hasValue("7");
            assertThat(dana.locator("vaadin-text-field[aria-label='Rule, rule 2'] input")).hasValue("Payer requirements: Medicaid (state plan)");

            // A condition from the picker: no code typed.
            Browser.button(dana, "Columns…").click();
            dana.getByLabel("Add a condition: what the rule tests").click();
            dana.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Age at least").setExact(true)).click();
            Browser.button(dana, "Add condition").click();
            Browser.screenshotAtBothSizes(dana, "52-table-columns");
            Browser.button(dana, "Done").click();
            AuthorSteps.fill(dana, "Age at least, rule 4", "18");
            assertThat(dana.locator(".asset-cell", new Page.LocatorOptions().setHasText("unsaved"))).hasCount(1);

            // Not after all: the author withdraws it, with a reason; unsaved edits go with it.
            Browser.button(dana, "Withdraw").click();
            dana.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill("The state withdrew the bulletin");
            Browser.screenshotAtBothSizes(dana, "53-withdraw");
            dana.locator("vaadin-dialog").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Withdraw").setExact(true)).click();
            assertThat(dana.locator(".cr-status")).hasText("withdrawn");
            assertThat(Browser.button(dana, "Submit for review")).isHidden();
            Browser.screenshotAtBothSizes(dana, "54-withdrawn");
        }
        assertThat(jdbc.queryForObject("select status from change_request where id = ?", String.class, medicaid.id())).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'asset.rebase' and actor = 'dana'", Integer.class))
                .isEqualTo(1);
    }
}

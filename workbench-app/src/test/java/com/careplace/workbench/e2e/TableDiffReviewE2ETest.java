package com.careplace.workbench.e2e;

import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A reviewer sees every part of a table change that the grid does not show an author at a glance: a
 * table's code row, a moved column, a moved rule (firing order) and text below the table, each in its own section.
 */
class TableDiffReviewE2ETest extends RunningWorkbench {

    static final String TITLE = "Payer table tidied";
    static final String PAYER = "com/careplace/rules/payer-requirements.drl.csv";
    static final String MEDICARE = "Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60";

    @Autowired
    ChangeRequestService changes;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aCodeRowChangeAMovedColumnAndAMovedRuleEachHaveTheirSection() {
        submitTidiedPayerTable();
        try (Browser browser = new Browser(baseUrl())) {
            Page riley = browser.signIn("riley", "riley-demo-password");
            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            riley.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE)).click();

            Locator columns = riley.locator(".columns-diff .column-change");
            assertThat(columns).hasCount(2);
            // Swapping B and C moves one of the two: the fewest moves that give the new order.
            assertThat(columns.first()).containsText(Pattern.compile("moved (IOP status|Payer) moved from column [23] to [23]"));
            Locator code = columns.nth(1);
            assertThat(code).containsText("Payer minimum hours/week column 6");
            assertThat(code.locator(".part-change .before")).hasText("insert(new PayerMinimumHours($param));");
            assertThat(code.locator(".part-change .after")).hasText("insert(new PayerMinimumHours(Math.abs($param)));");
            assertThat(riley.locator(".order-diff .row-move")).hasText("moved Payer requirements: Medicare moved from position 1 to 5");
            assertThat(riley.locator(".rules-diff")).hasCount(0);
            assertThat(riley.locator(".text-diff .diff-note")).containsText("Text outside the rule table changed");
            assertThat(riley.locator(".text-diff td.added", new Page.LocatorOptions().setHasText("Notes,Checked against"))).hasCount(1);
            Browser.screenshotAtBothSizes(riley, "table-diff-01-review");
            riley.locator(".text-diff").scrollIntoViewIfNeeded();
            Browser.screenshotAtBothSizes(riley, "table-diff-02-review-scrolled");
        }
    }

    /** Dana's change: the same outcomes (every scenario passes), but other code, condition order and rule order. */
    private void submitTidiedPayerTable() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open(TITLE, "Payer before status in every rule; Medicare last", "dana");
        String payer = changes.assets(request.id()).stream().filter(a -> a.path().equals(PAYER)).findFirst().orElseThrow().text();
        String[] lines = payer.split("\n", -1);
        // From the header row down: the condition on the payer before the one on IOP status.
        for (int i = 5; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                lines[i] = swapSecondAndThirdCell(lines[i]);
            }
        }
        String medicare = swapSecondAndThirdCell(MEDICARE) + "\n";
        String tidied = String.join("\n", lines)
                .replace("insert(new PayerMinimumHours($param));", "insert(new PayerMinimumHours(Math.abs($param)));")
                .replace(medicare, "") + medicare
                // Below the table: Drools reads it, the table view does not model it, so the sheet's text diff shows it.
                + "\nNotes,Checked against the payer manuals of 2026\n";
        changes.save(request.id(), PAYER, tidied, 1, "dana", "tidied");
        changes.submit(request.id(), "dana");
    }

    /** Columns B and C of a payer-table row; they never hold commas or quotes. */
    private static String swapSecondAndThirdCell(String line) {
        String[] cells = line.split(",", 4);
        return cells[0] + "," + cells[2] + "," + cells[1] + "," + cells[3];
    }
}

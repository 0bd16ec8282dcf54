package com.careplace.workbench.e2e;

import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.review.ReviewService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a reviewer sees that narrowing a request field's range breaks callers, with how many
 * logged requests of the last 90 days it would refuse, and the version proposed as major. And an author
 * starts a new decision table from the template, with no code typed.
 */
class VocabularyReviewE2ETest extends RunningWorkbench {

    static final String FIELDS = "com/careplace/vocabulary/request-fields.csv";
    static final String TITLE = "Gestational weeks from 20 only";

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

    private int revision(String changeRequestId, String path) {
        return changes.assets(changeRequestId).stream().filter(a -> a.path().equals(path)).findFirst()
                .map(AssetRevision::revision).orElseThrow();
    }

    /** Release 1.1.0 asks for gestational weeks 1 to 42; the change under review narrows them to 20 to 42. */
    private void narrowingSubmitted() {
        SignedIn.as("alex", Role.AUTHOR);
        ChangeRequest add = changes.open("Gestational weeks", "Obstetric coordination", "alex");
        changes.save(add.id(), FIELDS, text(add.id(), FIELDS) + "gestationalWeeks,integer,1,42,Weeks of pregnancy\n", 1, "alex", "new field");
        changes.submit(add.id(), "alex");
        SignedIn.as("morgan", Role.REVIEWER);
        review.approve(add.id(), "morgan", "ok", null, changes.stamp(add.id()));

        SignedIn.as("alex", Role.AUTHOR);
        ChangeRequest narrow = changes.open(TITLE, "Only from week 20", "alex");
        changes.save(narrow.id(), FIELDS, text(narrow.id(), FIELDS).replace("gestationalWeeks,integer,1,42",
                "gestationalWeeks,integer,20,42"), revision(narrow.id(), FIELDS), "alex", "from week 20");
        changes.submit(narrow.id(), "alex");
        SignedIn.out();

        String sql = "insert into decision_log (decided_at, caller, release_id, release_version, request_json, decision_json, "
                + "duration_micros) values (?, 'intake', 'r', '1.1.0', ?, '{}', 1)";
        String request = "{\"age\":30,\"diagnoses\":[\"F10.20\"],\"dimensions\":{\"d1\":1,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":2,"
                + "\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"MEDICAID\",\"gestationalWeeks\":%d}";
        Instant now = Instant.now();
        jdbc.update(sql, Timestamp.from(now.minus(3, ChronoUnit.DAYS)), request.formatted(12));
        jdbc.update(sql, Timestamp.from(now.minus(40, ChronoUnit.DAYS)), request.formatted(8));
        jdbc.update(sql, Timestamp.from(now.minus(5, ChronoUnit.DAYS)), request.formatted(30));
        jdbc.update(sql, Timestamp.from(now.minus(200, ChronoUnit.DAYS)), request.formatted(10));
    }

    @Test
    void aNarrowedRangeIsShownAsBreakingWithItsCountAndProposesMajor() {
        narrowingSubmitted();
        try (Browser browser = new Browser(baseUrl())) {
            Page riley = browser.signIn("riley", "riley-demo-password");
            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            riley.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE)).click();
            assertThat(riley.locator(".vocabulary-entry-change")).hasText(
                    "changed gestationalWeeks Type: integer · Minimum: 1 · Maximum: 42 · Description: Weeks of pregnancy  →  "
                            + "Type: integer · Minimum: 20 · Maximum: 42 · Description: Weeks of pregnancy");
            Locator breaking = riley.locator(".breaking-changes vaadin-grid-cell-content");
            assertThat(breaking.filter(new Locator.FilterOptions().setHasText("Request field gestationalWeeks narrowed from 1..42 to 20..42")))
                    .hasCount(1);
            // Two of the three requests of the last 90 days fall outside 20..42; the one of 200 days ago is not counted.
            assertThat(breaking.filter(new Locator.FilterOptions().setHasText("2 logged requests"))).hasCount(1);
            assertThat(riley.locator("vaadin-radio-button[checked]")).hasText(Pattern.compile("^Major: calling systems must change"));
            Browser.screenshotAtBothSizes(riley, "33-review-breaking-change");
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where actor = 'riley' and action = 'decision-log.read' "
                + "and detail like 'compatibility count over %'", Integer.class)).isEqualTo(1);
    }

    @Test
    void anAuthorStartsADecisionTableFromTheTemplate() {
        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(dana, "Warnings for self-pay teens", "Billing office request");
            AuthorSteps.confirmOpen(dana, "Warnings for self-pay teens");
            Browser.button(dana, "New asset").click();
            Locator dialog = dana.locator("vaadin-dialog.new-asset-dialog");
            dana.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("self-pay-teens");
            dana.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Self-pay teens");
            dana.locator("vaadin-checkbox", new Page.LocatorOptions().setHasText("Age at least")).click();
            dana.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Payer").setExact(true)).check();
            dana.locator("vaadin-select.rows-conclude").click();
            dana.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Raise the payer warning")).click();
            dana.getByLabel("Why", new Page.GetByLabelOptions().setExact(true)).fill("Billing office asked for it");
            assertThat(dialog).hasAttribute("opened", "");
            Browser.screenshotAtBothSizes(dana, "34-new-decision-table");
            Browser.button(dana, "Create").click();
            assertThat(dana.locator(".asset-title")).hasAttribute("title", "com/careplace/rules/self-pay-teens.drl.csv");
            Browser.button(dana, "Add rule row").click();
            AuthorSteps.fill(dana, "Rule, rule 1", "Self-pay teen below minimum hours");
            AuthorSteps.fill(dana, "Age at least, rule 1", "13");
            AuthorSteps.fill(dana, "Payer, rule 1", "SELF_PAY");
            AuthorSteps.fill(dana, "Raise the payer warning, rule 1", "PAYER_MINIMUM_HOURS_NOT_MET");
            Browser.screenshotAtBothSizes(dana, "35-new-table-first-row");
            AuthorSteps.save(dana, "First rule", "Saved Self-pay teens as revision 2");

            // Rename it, then delete it: both ask why, and the list follows
            Browser.button(dana, "Rename").click();
            dana.getByLabel("New name", new Page.GetByLabelOptions().setExact(true)).fill("self-pay-adolescents");
            dana.getByLabel("Why", new Page.GetByLabelOptions().setExact(true)).fill("Clinical wording");
            Browser.screenshotAtBothSizes(dana, "36-rename-asset");
            dana.locator("vaadin-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rename")).click();
            assertThat(dana.locator(".asset-title")).hasAttribute("title", "com/careplace/rules/self-pay-adolescents.drl.csv");
            Browser.button(dana, "Delete").click();
            dana.getByLabel("Why", new Page.GetByLabelOptions().setExact(true)).fill("Not needed after all");
            Browser.screenshotAtBothSizes(dana, "37-delete-asset");
            dana.locator("vaadin-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            assertThat(dana.getByText("Deleted self-pay-adolescents.drl.csv")).isVisible();
            // The grid keeps spare row elements hidden: what counts is what the author sees
            assertThat(dana.locator(".asset-cell", new Page.LocatorOptions().setHasText("self-pay"))
                    .filter(new Locator.FilterOptions().setVisible(true))).hasCount(0);
        }
        String table = jdbc.queryForObject("select v.content from asset_version v join rule_asset a on a.id = v.asset_id "
                + "where a.path = 'com/careplace/rules/self-pay-teens.drl.csv' and v.revision = 2", String.class);
        assertThat(jdbc.queryForList("select action from audit_entry where actor = 'dana' and action like 'asset.%' order by seq",
                String.class)).containsExactly("asset.create", "asset.edit", "asset.create", "asset.delete", "asset.delete");
        assertThat(table).contains("age >= $param", "payer == Payer.of(\"\"$param\"\")",
                "Self-pay teen below minimum hours,13,SELF_PAY,PAYER_MINIMUM_HOURS_NOT_MET");
    }

}

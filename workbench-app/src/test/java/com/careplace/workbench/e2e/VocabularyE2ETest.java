package com.careplace.workbench.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinical director adds a payer in a real headless Chromium, with no code typed: a row in the payers
 * vocabulary, a row in the payer requirements table, check, submit. A reviewer approves, a deployer
 * deploys, and the decision API accepts the payer over real HTTP while the first release still refuses it.
 */
class VocabularyE2ETest extends RunningWorkbench {

    static final String TITLE = "Medicare Advantage contract";
    static final String MEDICARE_ADVANTAGE = "{\"age\":34,\"diagnoses\":[\"F10.20\"],\"dimensions\":{\"d1\":1,\"d2\":0,"
            + "\"d3\":2,\"d4\":1,\"d5\":2,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"MEDICARE_ADVANTAGE\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPayerAddedThroughTheScreensIsAcceptedByTheDecisionApi() throws Exception {
        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(dana, TITLE, "Contract signed 2026-11");
            AuthorSteps.confirmOpen(dana, TITLE);

            AuthorSteps.openAsset(dana, "Payers", "vocabulary");
            assertThat(dana.locator(".asset-title")).hasAttribute("title", "com/careplace/vocabulary/payers.csv");
            assertThat(dana.locator(".vocabulary-editor h4")).hasText("Payers");
            Browser.button(dana, "Add payer").click();
            AuthorSteps.fill(dana, "Code, entry 6", "MEDICARE_ADVANTAGE");
            AuthorSteps.fill(dana, "Name, entry 6", "Medicare Advantage");
            Browser.screenshotAtBothSizes(dana, "30-vocabulary-payer-added");
            AuthorSteps.save(dana, "Medicare Advantage contract signed", "Saved Payers as revision 2");

            AuthorSteps.openAsset(dana, "Payer requirements", "decision table");
            Browser.button(dana, "Add rule row").click();
            AuthorSteps.fill(dana, "Rule, rule 6", "Payer requirements: Medicare Advantage");
            AuthorSteps.fill(dana, "IOP status, rule 6", "ELIGIBLE");
            AuthorSteps.fill(dana, "Payer, rule 6", "MEDICARE_ADVANTAGE");
            AuthorSteps.fill(dana, "Prior authorization, rule 6", "yes");
            AuthorSteps.fill(dana, "Physician certification, rule 6", "yes");
            AuthorSteps.fill(dana, "Payer minimum hours/week, rule 6", "9");
            AuthorSteps.save(dana, "Medicare Advantage requirements from the contract", "Saved Payer requirements as revision 2");

            Browser.button(dana, "Check").click();
            assertThat(dana.locator(".check-summary[data-passes]")).hasText(Pattern.compile("all 143 scenarios pass"));
            Browser.screenshotAtBothSizes(dana, "31-vocabulary-payer-table-row");
            AuthorSteps.submitWithCoverageWaiver(dana, "Scenarios follow once the first Medicare Advantage patients are seen");

            Page riley = browser.signIn("riley", "riley-demo-password");
            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            riley.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE)).click();
            // Entry by entry, then every line of the file
            assertThat(riley.locator(".vocabulary-entry-change")).hasText("added MEDICARE_ADVANTAGE Name: Medicare Advantage");
            assertThat(riley.locator(".review-view")).containsText("MEDICARE_ADVANTAGE,Medicare Advantage");
            assertThat(riley.getByText(Pattern.compile("Compiles · all 143 scenarios pass"))).isVisible();
            assertThat(riley.locator(".breaking-changes")).hasCount(0);
            assertThat(riley.locator(".coverage-waiver")).containsText("Payer requirements: Medicare Advantage");
            assertThat(riley.locator(".coverage-waiver")).containsText("Scenarios follow once the first Medicare Advantage patients are seen");
            Browser.screenshotAtBothSizes(riley, "32-vocabulary-review");
            Browser.button(riley, "Approve and build release").click();
            assertThat(riley.getByText("Approved: release 1.1.0 built and stored. Deploy it from Releases.")).isVisible();

            Page morgan = browser.signIn("morgan", "morgan-demo-password");
            morgan.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Releases")).click();
            Browser.button(morgan, "Deploy 1.1.0").click();
            Browser.button(morgan, "Deploy").click();
            assertThat(morgan.getByText(Pattern.compile("^active since .+ by morgan$"))).hasCount(1);
        }

        HttpResponse<String> accepted = decide("");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"version\":\"1.1.0\"", "PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION",
                "Payer requirements: Medicare Advantage");
        HttpResponse<String> refused = decide("?release=1.0.0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"payer\"", "MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
    }


    private HttpResponse<String> decide(String query) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/decisions/placement" + query))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MEDICARE_ADVANTAGE)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

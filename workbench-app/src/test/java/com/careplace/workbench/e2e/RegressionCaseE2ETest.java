package com.careplace.workbench.e2e;

import com.careplace.decision.decisionlog.DecisionLog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real case becomes a regression scenario though authors may not read the decision log: an intake portal
 * places a patient over HTTP; a reviewer traces the decision and offers it, named; the author adds it to a
 * suite from the list of offered cases (patient and expected decision filled in, nothing identifying), and
 * Check runs it with the rest.
 */
class RegressionCaseE2ETest extends RunningWorkbench {

    /** A 93-year-old with an MRN as request id: neither may reach an author. */
    private static final String OLDEST_OLD = "{\"requestId\":\"MRN-5521-0093\",\"age\":93,\"diagnoses\":[\"F10.20\"],\"dimensions\":"
            + "{\"d1\":1,\"d2\":1,\"d3\":1,\"d4\":2,\"d5\":2,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"MEDICARE\"}";
    private static final String NAME = "Oldest old on Medicare, alcohol use, 12 hours";

    @Autowired
    DecisionLog decisionLog;

    @Test
    void aReviewerOffersATracedDecisionAndTheAuthorKeepsItAsAScenario() throws IOException, InterruptedException {
        HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/api/v1/decisions/placement")).header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OLDEST_OLD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        assertThat(decisionLog.flush(Duration.ofSeconds(10))).isTrue();
        long decision = decisionLog.recent(1).getFirst().id();

        try (Browser browser = new Browser(baseUrl())) {
            Page riley = browser.signIn("riley", "riley-demo-password");
            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Decision trace")).click();
            riley.locator("vaadin-integer-field input").fill(String.valueOf(decision));
            Browser.button(riley, "Trace").click();
            assertThat(riley.locator("h3", new Page.LocatorOptions().setHasText("Decision " + decision))).isVisible();
            Browser.button(riley, "Offer as a test case…").click();
            assertThat(riley.locator(".offer-case")).containsText("no request id, no decision id, no date; an age over 89 is written as 90");
            riley.getByLabel("Name for authors").fill(NAME);
            riley.getByLabel("Note (optional)").fill("Placed at intake; keep its answer while the geriatric pathway is written");
            Browser.screenshotAtBothSizes(riley, "55-offer-a-traced-decision");
            Browser.button(riley, "Offer to authors").click();
            assertThat(riley.getByText(Pattern.compile("^Offered to authors as '" + AuthorSteps.jsQuote(NAME) + "'"))).isVisible();

            Page dana = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(dana, "Geriatric pathway", "Older adults: keep today's answers while rules are added");
            AuthorSteps.confirmOpen(dana, "Geriatric pathway");
            AuthorSteps.openAsset(dana, "Worked examples", "scenario suite");
            Browser.button(dana, "From an offered case…").click();
            Locator offered = dana.locator(".offered-cases");
            assertThat(offered.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(NAME))).isVisible();
            assertThat(offered).containsText("age 90");
            assertThat(offered).not().containsText("MRN-5521");
            Browser.screenshotAtBothSizes(dana, "56-offered-cases");
            offered.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(NAME)).click();
            Browser.button(dana, "Add as scenario…").click();
            assertThat(dana.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue(NAME);
            assertThat(dana.getByLabel("Age", new Page.GetByLabelOptions().setExact(true))).hasValue("90");
            Browser.screenshotAtBothSizes(dana, "57-scenario-from-an-offered-case");
            Browser.button(dana, "Done").click();
            assertThat(dana.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(NAME)).first()).isVisible();
            dana.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Text")).click();
            Locator yaml = dana.locator(".code-editor textarea").last();
            assertThat(yaml).hasValue(Pattern.compile("  - name: \"" + AuthorSteps.jsQuote(NAME) + "\"\n    description: .*\n    given:\n"
                    + "      age: 90\n"));
            assertThat(yaml.inputValue()).doesNotContain("MRN-5521");
            AuthorSteps.save(dana, "Today's answer for an offered case", "Saved Worked examples as revision 2");
            Browser.button(dana, "Check").click();
            assertThat(dana.locator(".check-summary[data-passes]")).hasText(Pattern.compile("all 144 scenarios pass"));
        }
    }
}

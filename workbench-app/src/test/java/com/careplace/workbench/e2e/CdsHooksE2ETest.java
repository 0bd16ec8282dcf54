package com.careplace.workbench.e2e;

import com.careplace.decision.decisionlog.DecisionLog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An EHR calls the workbench's embedded decision service by CDS Hooks (patient-view, FHIR prefetch, an API key), shows
 * the card, and reports that the clinician overrode it; a reviewer follows the card's link to the decision trace and
 * sees why the clinician disagreed, and sees it again in the review of a change to the rule that fired.
 */
@TestPropertySource(properties = "careplace.cds-hooks.trace-url=https://workbench.example.org/decisions?decision={decisionId}")
class CdsHooksE2ETest extends RunningWorkbench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    DecisionLog decisionLog;

    /** The TRICARE teenager of the review test (13, anxiety, 6 hours a week) as an EHR's FHIR data. */
    private static Map<String, Object> call() {
        List<Object> items = new java.util.ArrayList<>();
        int[] ratings = {0, 0, 2, 1, 1, 1};
        for (int d = 0; d < 6; d++) {
            items.add(Map.of("linkId", "asam-d" + (d + 1), "answer", List.of(Map.of("valueInteger", ratings[d]))));
        }
        items.add(Map.of("linkId", "available-hours-per-week", "answer", List.of(Map.of("valueInteger", 6))));
        Map<String, Object> assessment = Map.of("resourceType", "QuestionnaireResponse", "status", "completed",
                "questionnaire", "https://careplace.example.org/fhir/Questionnaire/asam-placement", "item", items);
        return Map.of("hook", "patient-view", "hookInstance", "0b6a3f0e-1111-4e7a-9d55-3c2e5b7f0a01",
                "context", Map.of("userId", "Practitioner/dr-lee", "patientId", "teen-1"),
                "prefetch", Map.of(
                        "patient", Map.of("resourceType", "Patient", "id", "teen-1", "birthDate", LocalDate.now().minusYears(13).minusDays(40).toString()),
                        "conditions", Map.of("resourceType", "Bundle", "type", "searchset", "entry", List.of(Map.of("resource", Map.of(
                                "resourceType", "Condition", "code", Map.of("coding", List.of(Map.of("system", "http://hl7.org/fhir/sid/icd-10-cm",
                                        "code", "F41.1"))))))),
                        "coverage", Map.of("resourceType", "Bundle", "type", "searchset", "entry", List.of(Map.of("resource", Map.of(
                                "resourceType", "Coverage", "status", "active", "type", Map.of("coding", List.of(Map.of(
                                        "system", "https://nahdo.org/sopt", "code", "311"))))))),
                        "assessment", Map.of("resourceType", "Bundle", "type", "searchset", "entry", List.of(Map.of("resource", assessment)))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClinicianOverridesACardAndTheReviewerSeesWhyOnTheTraceAndInTheReview() throws IOException, InterruptedException {
        Map<String, Object> discovery = JSON.readValue(http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), Map.class);
        assertThat((List<?>) discovery.get("services")).hasSize(2);

        Map<String, Object> card = ((List<Map<String, Object>>) post("/cds-services/careplace-placement", call()).get("cards")).getFirst();
        assertThat((String) card.get("summary")).isEqualTo("Level of care: 2.1 Intensive Outpatient (IOP) · IOP eligible");
        String link = (String) ((List<Map<String, Object>>) card.get("links")).getFirst().get("url");
        post("/cds-services/careplace-placement/feedback", Map.of("feedback", List.of(Map.of("card", card.get("uuid"), "outcome", "overridden",
                "overrideReason", Map.of("reason", Map.of("code", "payer"), "userComment", "TRICARE asks for 7 hours from January"),
                "outcomeTimestamp", "2026-12-04T10:15:00Z"))));
        assertThat(decisionLog.flush(Duration.ofSeconds(10))).isTrue();

        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.submitTricareSevenHours(dana, ReviewReleaseE2ETest.TITLE);

            Page riley = browser.signIn("riley", "riley-demo-password");
            // The card's link, on this workbench
            riley.navigate(link.replace("https://workbench.example.org", baseUrl()));
            Locator feedback = riley.locator(".clinician-feedback");
            assertThat(feedback).containsText("overridden — Payer does not cover the recommended level");
            assertThat(feedback).containsText("TRICARE asks for 7 hours from January");
            Browser.screenshotAtBothSizes(riley, "61-what-the-clinician-did-on-the-trace");

            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            riley.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ReviewReleaseE2ETest.TITLE)).click();
            Locator overrides = riley.locator("vaadin-grid.clinician-overrides");
            Locator tricare = overrides.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("Payer requirements: TRICARE"));
            assertThat(tricare).isVisible();
            assertThat(overrides).containsText("changed here");
            assertThat(overrides).containsText("100% (1 of 1)");
            overrides.evaluate("e => e.scrollIntoView({block: 'center'})");
            Browser.screenshotAtBothSizes(riley, "62-where-clinicians-override-in-the-review");
            // The pictures of what the change does: levels and IOP status, payer warnings, the rules whose firing moved
            Locator pictures = riley.locator(".outcome-pictures").first();
            assertThat(pictures.locator(".warning-changes")).containsText("PAYER_MINIMUM_HOURS_NOT_MET");
            pictures.evaluate("e => e.scrollIntoView({block: 'start'})");
            Browser.screenshotAtBothSizes(riley, "63-impact-pictures");
            // The whole log of the last 90 days, replayed with progress
            Locator replay = riley.locator(".log-replay");
            replay.evaluate("e => e.scrollIntoView({block: 'start'})");
            replay.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Replay")).click();
            assertThat(replay.locator(".replay-summary")).hasText("1 outcome changes against mainline, 1 outcome changes against release 1.0.0");
            assertThat(replay.locator(".replay-status")).containsText("1 of 1 decisions of the last 90 days replayed in");
            Browser.screenshotAtBothSizes(riley, "64-whole-log-replay");
        }
    }
}

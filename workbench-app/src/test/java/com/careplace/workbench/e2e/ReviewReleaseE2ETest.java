package com.careplace.workbench.e2e;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.OneTimePassword;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.account.UserAccounts;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.review.FourEyesException;
import com.careplace.workbench.review.ReviewService;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rule change on its way to patients, in a real headless Chromium against the running workbench,
 * with the decision API called over real HTTP: an author changes a rule and submits, a reviewer sees
 * the diff and what it does to outcomes and approves, a deployer deploys the release, the API answers
 * differently, and a rollback restores the old answer. And four eyes, through the screen and the service.
 */
class ReviewReleaseE2ETest extends RunningWorkbench {

    static final String TITLE = "TRICARE minimum raised to 7 hours";
    /** Worked TRICARE case: a 13-year-old with 6 hours a week, inside the 1.0.0 minimum, below a 7-hour one. */
    static final String TEEN_TRICARE_6_HOURS = "{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,"
            + "\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}";

    @Autowired
    DecisionLog decisionLog;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ChangeRequestService changes;
    @Autowired
    ReviewService review;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void reviewerApprovesDeployerDeploysTheApiAnswersAnewAndRollbackRestoresIt() {
        // An intake portal places a patient before the change; the review must show what the change does to them.
        Placement before = place();
        assertThat(before.release()).isEqualTo("1.0.0");
        assertThat(before.warnings()).isEmpty();
        assertThat(decisionLog.flush(Duration.ofSeconds(10))).isTrue();

        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.submitTricareSevenHours(dana, TITLE);

            Page riley = browser.signIn("riley", "riley-demo-password");
            riley.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            assertThat(riley.locator("h2")).hasText("Reviews");
            Browser.screenshot(riley, "10-reviews");
            riley.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE)).click();
            assertThat(riley.locator(".rationale")).hasText("Rationale: TRICARE manual 2026, chapter 7 — by dana");
            // The table diff names the rule and the cell, with before and after.
            Locator cellChange = riley.locator(".cell-change", new Page.LocatorOptions().setHasText("Payer minimum hours/week"));
            assertThat(cellChange).hasCount(1);
            assertThat(cellChange.locator(".before")).hasText("6");
            assertThat(cellChange.locator(".after")).hasText("7");
            assertThat(riley.locator(".review-view")).containsText("warnings: [PAYER_MINIMUM_HOURS_NOT_MET]");
            assertThat(riley.getByText(Pattern.compile("Compiles · all 143 scenarios pass"))).isVisible();
            // Impact: the scenario and the patient decided above, each with before and after.
            Locator impact = riley.locator(".impact-summary");
            assertThat(impact).hasText("2 outcomes change · 143 scenarios and 1 recent decision compared with release 1.0.0");
            // Mainline is what is deployed here: this change alone does the same to the same two cases.
            assertThat(riley.locator(".own-impact-summary")).hasText("2 outcomes change against mainline · 143 scenarios and 1 recent "
                    + "decision decided with mainline's rules and with this change's");
            Locator deployedImpact = riley.locator("vaadin-grid.impact-grid");
            Locator loggedCase = deployedImpact.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("decision log"));
            assertThat(loggedCase).hasCount(1);
            assertThat(deployedImpact.locator("vaadin-grid-cell-content", new Locator.LocatorOptions()
                    .setHasText("warnings PAYER_MINIMUM_HOURS_NOT_MET"))).hasCount(2);
            riley.locator(".own-impact-summary").evaluate("e => e.scrollIntoView({block: 'start'})");
            Browser.screenshotAtBothSizes(riley, "11-review-diff-and-impact");
            // The picture first: nobody moves to another level of care with this change (only payer warnings change)
            Locator matrix = riley.locator(".level-transitions").first(); // levels; the IOP-status matrix follows
            assertThat(matrix.locator("td.moved")).hasCount(0);
            assertThat(matrix.locator("th").first()).hasText("1.0.0 ↓ · this change →");
            matrix.evaluate("e => e.scrollIntoView({block: 'center'})");
            Browser.screenshotAtBothSizes(riley, "11c-level-transitions");
            // The logged case can go back to the author as a regression scenario, expecting today's or the new answer.
            deployedImpact.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Offer decision \\d+ as a test case$")))
                    .click();
            assertThat(riley.getByText("Today's answer (the change must not alter it)")).isVisible();
            Browser.screenshotAtBothSizes(riley, "11b-offer-a-changed-case");
            Browser.button(riley, "Cancel").click();
            // Cases the reviewer brings (no log for them yet): decided the same way, a bad line named
            riley.getByLabel("Cases (CSV with a header row, or one JSON request per line)").fill("age,diagnoses,d1,d2,d3,d4,d5,d6,"
                    + "availableHoursPerWeek,payer\n13,F41.1,0,0,2,1,1,1,6,TRICARE\n15,F41.1,0,0,2,1,1,1,8,TRICARE\n14,F41.1,0,0,9,1,1,1,6,TRICARE\n");
            Browser.button(riley, "Run these cases").click();
            assertThat(riley.locator(".what-if-summary")).hasText("2 cases: 1 outcome changes against mainline, 1 outcome changes "
                    + "against release 1.0.0");
            assertThat(riley.locator(".what-if-invalid")).containsText("line 4: dimensions.d3");
            riley.locator(".what-if-summary").evaluate("e => e.scrollIntoView({block: 'center'})");
            Browser.screenshotAtBothSizes(riley, "11d-what-if-batch");
            riley.getByLabel("Comment").fill("Matches the TRICARE manual, chapter 7");
            Browser.button(riley, "Approve and build release").click();
            assertThat(riley.getByText("Approved: release 1.0.1 built and stored. Deploy it from Releases.")).isVisible();
            assertThat(riley.locator("h2")).hasText("Releases");
            Browser.screenshot(riley, "12-approved-release-built");
            assertThat(jdbc.queryForObject("select approved_by from release_record where release_version = '1.0.1'", String.class))
                    .isEqualTo("riley");
            assertThat(place().warnings()).as("approved is not deployed").isEmpty();

            Page morgan = browser.signIn("morgan", "morgan-demo-password");
            morgan.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Releases")).click();
            Browser.button(morgan, "Deploy 1.0.1").click();
            Browser.screenshot(morgan, "13-deploy-confirm");
            Browser.button(morgan, "Deploy").click();
            assertThat(activeRow(morgan)).containsText("1.0.1");
            assertThat(morgan.getByText(Pattern.compile("^active since .+ by morgan$"))).hasCount(1);
            Browser.screenshot(morgan, "14-deployed");

            Placement after = place();
            assertThat(after.release()).isEqualTo("1.0.1");
            assertThat(after.warnings()).containsExactly("PAYER_MINIMUM_HOURS_NOT_MET");

            Browser.button(morgan, "Roll back to 1.0.0").click();
            Browser.button(morgan, "Roll back").click();
            assertThat(activeRow(morgan)).containsText("1.0.0");
            Browser.screenshot(morgan, "15-rolled-back");
            Placement restored = place();
            assertThat(restored.release()).isEqualTo("1.0.0");
            assertThat(restored.warnings()).isEmpty();
        }
        assertThat(jdbc.queryForList("select action from audit_entry where actor = 'morgan' and action like 'release.%' order by seq",
                String.class)).containsExactly("release.deploy", "release.rollback");
    }

    @Test
    void nobodyApprovesTheirOwnChangeRequestThroughTheScreenOrTheService() {
        SignedIn.as("admin", Role.ADMIN);
        OneTimePassword issued = accounts.create("sam", Set.of(Role.AUTHOR, Role.REVIEWER), "admin");
        SignedIn.as("sam", Role.AUTHOR, Role.REVIEWER);
        ChangeRequest own = changes.open("Clarify the adolescent hours comment", "Plain wording", "sam");
        String path = "com/careplace/rules/iop-eligibility.drl";
        String drl = changes.assets(own.id()).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
        changes.save(own.id(), path, drl.replace("// IOP eligibility of release 1.0.0.", "// IOP eligibility, as of release 1.0.0."),
                1, "sam", "wording");
        changes.submit(own.id(), "sam");

        try (Browser browser = new Browser(baseUrl())) {
            Page sam = browser.signIn("sam", issued.password());
            // First sign-in with a one-time password: a new password before anything else.
            sam.getByLabel("One-time password").fill(issued.password());
            sam.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("Chosen-passphrase-2026");
            sam.getByLabel("New password again").fill("Chosen-passphrase-2026");
            Browser.screenshot(sam, "16-first-sign-in");
            Browser.button(sam, "Set password").click();
            assertThat(sam.getByText("Password changed")).isVisible();
            sam.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Reviews")).click();
            sam.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clarify the adolescent hours comment")).click();
            assertThat(sam.locator(".four-eyes")).hasText(
                    "You wrote or edited this change request: another reviewer must approve or reject it (four eyes).");
            assertThat(Browser.button(sam, "Approve and build release")).isDisabled();
            assertThat(Browser.button(sam, "Reject")).isDisabled();
            Browser.screenshot(sam, "17-four-eyes");
        }

        SignedIn.as("sam", Role.AUTHOR, Role.REVIEWER);
        assertThatThrownBy(() -> review.approve(own.id(), "sam", "fine", null, changes.stamp(own.id()))).isInstanceOf(FourEyesException.class)
                .hasMessageStartingWith("sam wrote, edited or submitted change request 'Clarify the adolescent hours comment'");
        assertThatThrownBy(() -> review.reject(own.id(), "sam", "no", changes.stamp(own.id()))).isInstanceOf(FourEyesException.class);
        assertThat(changes.changeRequest(own.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(jdbc.queryForObject("select count(*) from release_record where change_request_id = ?", Integer.class, own.id()))
                .isZero();
    }

    private static Locator activeRow(Page page) {
        return page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHas(page.locator(".active-badge")));
    }

    /** The deciding release and the payer warning codes for {@link #TEEN_TRICARE_6_HOURS}, over real HTTP. */
    private Placement place() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/decisions/placement"))
                    .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TEEN_TRICARE_6_HOURS)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode decision = JsonMapper.shared().readTree(response.body());
            return new Placement(decision.path("release").path("version").asString(),
                    StreamSupport.stream(decision.path("payer").path("warnings").spliterator(), false)
                            .map(w -> w.path("code").asString()).toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Placement(String release, List<String> warnings) {
    }
}

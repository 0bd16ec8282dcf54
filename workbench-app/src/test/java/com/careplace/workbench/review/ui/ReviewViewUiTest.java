package com.careplace.workbench.review.ui;

import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The review screen without a browser, on a real submitted change request. */
class ReviewViewUiTest extends BrowserlessUi {

    private static final String DRL = "com/careplace/rules/iop-eligibility.drl";

    @Autowired
    ChangeRequestService changes;
    @Autowired
    com.careplace.decision.decisionlog.DecisionLog decisionLog;
    @Autowired
    com.careplace.workbench.authoring.OfferedCases offeredCases;

    /** A wording-only change (a DRL comment): compiles, passes, changes no outcome. */
    private ChangeRequest submitted(String author, String title) {
        signIn(author, Role.AUTHOR);
        ChangeRequest request = changes.open(title, "Plain wording", author);
        String text = changes.assets(request.id()).stream().filter(a -> a.path().equals(DRL)).findFirst().orElseThrow().text();
        changes.save(request.id(), DRL, text.replace("// IOP eligibility of release 1.0.0.", "// IOP eligibility (" + title + ")."),
                1, author, "wording");
        changes.submit(request.id(), author);
        return request;
    }

    /** Dana raises TRICARE's minimum to 7 hours, updates the scenario it changes, and submits. */
    private ChangeRequest submittedTricareSevenHours(String title) {
        signIn("dana", Role.AUTHOR);
        ChangeRequest request = changes.open(title, "TRICARE manual", "dana");
        String table = changes.assets(request.id()).stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst().orElseThrow().text();
        String suite = changes.assets(request.id()).stream().filter(a -> a.path().equals(TricareMinimum.SUITE)).findFirst().orElseThrow().text();
        changes.save(request.id(), TricareMinimum.TABLE, TricareMinimum.table(table, 7), 1, "dana", "7 hours");
        changes.save(request.id(), TricareMinimum.SUITE, TricareMinimum.suiteExpectingWarning(suite), 1, "dana", "7 hours");
        changes.submit(request.id(), "dana");
        return request;
    }

    private static ReviewView review(ChangeRequest request) {
        UI.getCurrent().navigate(ReviewView.class, request.id());
        return _get(ReviewView.class);
    }

    @Test
    void aLoggedCaseTheChangeAltersIsOfferedToTheAuthorExpectingTheNewAnswer() {
        decisionLog.record(new com.careplace.decision.decisionlog.DecisionRecord(java.util.UUID.randomUUID(), java.time.Instant.now(),
                "intake-portal", "r", "1.0.0", "{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,"
                + "\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}", "{}", 1));
        assertThat(decisionLog.flush(java.time.Duration.ofSeconds(30))).isTrue();
        ChangeRequest request = submittedTricareSevenHours("TRICARE 7 hours, reviewed");

        signIn("riley", Role.REVIEWER);
        ReviewView view = review(request);
        awaitUi(() -> !_find(view, Span.class, s -> s.withClasses("impact-summary")).isEmpty());
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<com.careplace.workbench.review.Impact.ChangedCase> impact = _get(view,
                com.vaadin.flow.component.grid.Grid.class, s -> s.withClasses("impact-grid"));
        java.util.List<com.careplace.workbench.review.Impact.ChangedCase> rows = com.github.mvysny.kaributesting.v10.GridKt._findAll(impact);
        assertThat(rows).extracting(com.careplace.workbench.review.Impact.ChangedCase::offerable).containsExactly(false, true);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(impact, 0, "offer")).isNotInstanceOf(Button.class);
        Button offer = (Button) com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(impact, 1, "offer");
        assertThat(offer.getElement().getAttribute("aria-label")).matches("Offer decision \\d+ as a test case");
        _click(offer);
        _setValue(_get(com.vaadin.flow.component.textfield.TextField.class, s -> s.withLabel("Name for authors")), "Teen on TRICARE, 6 hours");
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.radiobutton.RadioButtonGroup<String> expect = _get(
                com.vaadin.flow.component.radiobutton.RadioButtonGroup.class, s -> s.withLabel("The scenario expects"));
        expect.setValue("This change's answer");
        _click(_get(Button.class, s -> s.withText("Offer to authors")));

        signIn("dana", Role.AUTHOR);
        assertThat(offeredCases.offeredTo(request.id())).singleElement().satisfies(c -> {
            assertThat(c.changeRequestId()).isEqualTo(request.id());
            assertThat(String.valueOf(c.expect().get("payer"))).contains("PAYER_MINIMUM_HOURS_NOT_MET");
        });
    }

    @Test
    void casesBroughtForAWhatIfAreDecidedLikeTheImpactAndTheLinesThatDoNotReadAreNamed() {
        ChangeRequest request = submittedTricareSevenHours("TRICARE 7 hours, what if");

        signIn("riley", Role.REVIEWER);
        ReviewView view = review(request);
        _setValue(_get(TextArea.class, s -> s.withLabel("Cases (CSV with a header row, or one JSON request per line)")),
                "age,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer\n13,F41.1,0,0,2,1,1,1,6,TRICARE\n13,F41.1,0,0,2,1,1,1,6,ACME\n");
        _click(_get(Button.class, s -> s.withText("Run these cases")));
        awaitUi(() -> !_find(view, Span.class, s -> s.withClasses("what-if-summary")).isEmpty());
        assertThat(_get(view, Span.class, s -> s.withClasses("what-if-summary")).getText())
                .isEqualTo("1 case: 1 outcome changes against mainline, 1 outcome changes against release 1.0.0");
        assertThat(_get(view, Div.class, s -> s.withClasses("what-if-invalid")).getElement().getTextRecursively())
                .contains("1 problem in the cases", "line 3: payer: ");
    }

    @Test
    void theDecisionLogIsReplayedOverAWindowWithProgressAndThePicturesOfWhatChanges() {
        for (int i = 0; i < 3; i++) {
            decisionLog.record(new com.careplace.decision.decisionlog.DecisionRecord(java.util.UUID.randomUUID(), java.time.Instant.now()
                    .minus(java.time.Duration.ofDays(i * 20L)), "intake-portal", "r", "1.0.0", "{\"age\":13,\"diagnoses\":[\"F41.1\"],"
                    + "\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}", "{}", 1));
        }
        assertThat(decisionLog.flush(java.time.Duration.ofSeconds(30))).isTrue();
        ChangeRequest request = submittedTricareSevenHours("TRICARE 7 hours, whole log");

        signIn("riley", Role.REVIEWER);
        ReviewView view = review(request);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.select.Select<Integer> window = _get(com.vaadin.flow.component.select.Select.class,
                s -> s.withLabel("Decisions of the last"));
        window.setValue(30);
        _click(_get(Button.class, s -> s.withText("Replay")));
        awaitUi(() -> !_find(view, Span.class, s -> s.withClasses("replay-summary")).isEmpty());
        // This class's other tests log the same TRICARE teenager: every one in the window moves, the one 40 days ago is outside
        long inWindow = decisionLog.countBetween(java.time.Instant.now().minus(java.time.Duration.ofDays(30)), java.time.Instant.now());
        assertThat(inWindow).isGreaterThanOrEqualTo(2);
        assertThat(_get(view, Span.class, s -> s.withClasses("replay-status")).getText())
                .matches(inWindow + " of " + inWindow + " decisions of the last 30 days replayed in [0-9.]+ s");
        assertThat(_get(view, Span.class, s -> s.withClasses("replay-summary")).getText())
                .isEqualTo(inWindow + " outcomes change against mainline, " + inWindow + " outcomes change against release 1.0.0");
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<com.careplace.workbench.review.Impact.WarningChange> warnings = _find(view,
                com.vaadin.flow.component.grid.Grid.class, s -> s.withClasses("warning-changes")).getLast();
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._findAll(warnings))
                .containsExactly(new com.careplace.workbench.review.Impact.WarningChange("PAYER_MINIMUM_HOURS_NOT_MET", (int) inWindow, 0));
        assertThat(_find(view, com.vaadin.flow.component.grid.Grid.class, s -> s.withClasses("firing-changes"))).isNotEmpty();
    }

    @Test
    void aRejectionNeedsACommentAndGoesBackToTheAuthorWithIt() {
        ChangeRequest request = submitted("dana", "Wording to send back");
        signIn("riley", Role.REVIEWER);
        ReviewView view = review(request);
        awaitUi(() -> !_find(view, Span.class, s -> s.withClasses("impact-summary")).isEmpty());
        assertThat(_get(view, Span.class, s -> s.withClasses("impact-summary")).getText())
                .startsWith("0 outcomes change · 143 scenarios and");

        _click(_get(Button.class, s -> s.withText("Reject")));
        TextArea comment = _get(TextArea.class, s -> s.withLabel("Comment"));
        assertThat(comment.isInvalid()).isTrue();
        assertThat(comment.getErrorMessage()).isEqualTo("Say what the author must change");
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);

        _setValue(comment, "Cite the ASAM page");
        _click(_get(Button.class, s -> s.withText("Reject")));
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);
        _get(com.careplace.workbench.review.ui.ReviewsView.class);

        signIn("dana", Role.AUTHOR);
        UI.getCurrent().navigate("change-requests/" + request.id());
        assertThat(_get(Div.class, s -> s.withClasses("sent-back")).getElement().getTextRecursively())
                .isEqualTo("Sent back by riley: Cite the ASAM page");
    }

    @Test
    void anotherReviewerMayDecideButTheAuthorMayNot() {
        ChangeRequest request = submitted("alex", "Wording to approve");
        signIn("riley", Role.REVIEWER);
        review(request);
        assertThat(_get(Button.class, s -> s.withText("Approve and build release")).isEnabled()).isTrue();
        _assertNone(Div.class, s -> s.withClasses("four-eyes"));

        signIn("alex", Role.AUTHOR, Role.REVIEWER);
        review(request);
        assertThat(_get(Div.class, s -> s.withClasses("four-eyes")).getElement().getTextRecursively()).contains("four eyes");
        assertThat(_get(Button.class, s -> s.withText("Approve and build release")).isEnabled()).isFalse();
        assertThat(_get(Button.class, s -> s.withText("Reject")).isEnabled()).isFalse();
    }
}

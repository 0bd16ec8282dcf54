package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.account.ui.UsersView;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.account.Role;

import com.careplace.workbench.audit.ui.AuditView;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.base.ui.CodeEditor;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The change request screen without a browser: real services, compiler and suites behind it. */
class ChangeRequestViewUiTest extends BrowserlessUi {

    private static final String PLACEMENT = "com/careplace/rules/placement.drl";
    private static final String PAYER = TricareMinimum.TABLE;

    @Autowired
    ChangeRequestService changes;

    private ChangeRequest opened(String title) {
        signIn("dana", Role.AUTHOR);
        return changes.open(title, "Browserless test", "dana");
    }

    private ChangeRequestView show(ChangeRequest request) {
        UI.getCurrent().navigate(ChangeRequestView.class, request.id());
        return _get(ChangeRequestView.class);
    }

    private static void openAsset(ChangeRequestView view, String path) {
        AssetRevision asset = GridKt._findAll(view.assetList()).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow();
        view.assetList().select(asset);
    }

    private String saved(ChangeRequest request, String path) {
        return changes.assets(request.id()).stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
    }

    @Test
    void checkMarksAnUnsavedDrlErrorOnItsLineAndInTheProblemList() {
        ChangeRequest request = opened("Broken rule");
        ChangeRequestView view = show(request);
        openAsset(view, PLACEMENT);
        CodeEditor editor = _get(view, CodeEditor.class);
        String original = editor.getValue();
        List<String> lines = List.of(original.split("\n", -1));
        int broken = lines.size() + 2;
        editor.setValue(original + "\nrule \"Broken\"\nwhen\n    Assessment( age >>> 3 )\nthen\nend\n");

        _click(_get(Button.class, s -> s.withText("Check")));
        awaitUi(() -> !view.results().summaryText().startsWith("Not checked yet"));

        assertThat(view.results().summaryText()).startsWith("Does not compile");
        List<CompileProblem> problems = GridKt._fetch(view.results().problems(), 0, 100);
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.asset()).isEqualTo(PLACEMENT));
        assertThat(problems.getFirst().line()).isBetween(broken, broken + 1);
        assertThat(editor.problems()).containsKey(problems.getFirst().line());
        assertThat(saved(request, PLACEMENT)).as("a check saves nothing").isEqualTo(original);
    }

    @Test
    void submitIsRefusedWhileAScenarioFailsAndTheRequestStaysOpen() {
        ChangeRequest request = opened("TRICARE 7 hours without the scenario");
        changes.save(request.id(), PAYER, TricareMinimum.table(saved(request, PAYER), 7),
                1, "dana", "TRICARE manual");
        ChangeRequestView view = show(request);

        _click(_get(Button.class, s -> s.withText("Submit for review")));
        awaitUi(() -> !NotificationsKt.getNotifications().isEmpty());

        assertThat(NotificationsKt.getNotifications()).map(ChangeRequestViewUiTest::text)
                .anySatisfy(t -> assertThat(t).startsWith("Not submitted:").contains("TRICARE adolescent with 6 hours meets payer "
                        + "minimum: expected payer.warnings [], got [PAYER_MINIMUM_HOURS_NOT_MET]"));
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);
        assertThat(_get(Button.class, s -> s.withText("Submit for review")).isEnabled()).as("ready to try again").isTrue();
        assertThat(view.results().summaryText()).as("the refusing check is shown").contains("1 of 143 scenarios fail");
        assertThat(GridKt._findAll(view.results().scenarios())).filteredOn(r -> !r.passed()).singleElement()
                .satisfies(r -> assertThat(r.scenario()).isEqualTo("TRICARE adolescent with 6 hours meets payer minimum"));
    }

    @Test
    void aReviewerSeesAChangeRequestReadOnly() {
        ChangeRequest request = opened("Looked at by a reviewer");
        signIn("riley", Role.REVIEWER);
        ChangeRequestView view = show(request);
        openAsset(view, PLACEMENT);

        _assertNone(Button.class, s -> s.withText("Submit for review"));
        _assertNone(Button.class, s -> s.withText("Save"));
        _get(Button.class, s -> s.withText("Check"));
        assertThat(_get(view, CodeEditor.class).getElement().getChild(1).getProperty("readOnly", false)).isTrue();
    }

    @Test
    void screensCheckRolesToo() {
        signIn("dana", Role.AUTHOR);
        assertThatThrownBy(() -> UI.getCurrent().navigate(UsersView.class)).isInstanceOf(MockAccessDeniedException.class);
        _assertNone(UsersView.class);
        assertThatThrownBy(() -> UI.getCurrent().navigate(AuditView.class)).as("the audit trail is for reviewers and admins")
                .isInstanceOf(MockAccessDeniedException.class);
    }

    private static String text(Notification notification) {
        return notification.getElement().getProperty("text", "");
    }
}

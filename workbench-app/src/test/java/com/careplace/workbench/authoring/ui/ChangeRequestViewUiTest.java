package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.account.ui.UsersView;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.account.Role;

import com.careplace.workbench.audit.ui.AuditView;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.OfferedCase;
import com.careplace.workbench.authoring.OfferedCases;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.base.ui.CodeEditor;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The change request screen without a browser: real services, compiler and suites behind it. */
class ChangeRequestViewUiTest extends BrowserlessUi {

    private static final String PLACEMENT = "com/careplace/rules/placement.drl";
    private static final String PAYER = TricareMinimum.TABLE;

    @Autowired
    ChangeRequestService changes;
    @Autowired
    com.careplace.workbench.authoring.OfferedCases offeredCases;
    @Autowired
    com.careplace.decision.release.ReleaseService releases;

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
        _assertNone(Button.class, s -> s.withPredicate(b -> b.getText().startsWith("Save")));
        _get(Button.class, s -> s.withText("Check"));
        assertThat(_get(view, CodeEditor.class).isReadOnly()).isTrue();
    }

    private static DecisionTableEditor tableEditor(ChangeRequestView view, String path) {
        openAsset(view, path);
        return (DecisionTableEditor) view.openEditor();
    }

    @SuppressWarnings("unchecked")
    private static <C extends com.vaadin.flow.component.Component & com.vaadin.flow.component.HasValue<?, String>> C cell(DecisionTableEditor editor, int rule, int column) {
        return (C) GridKt._getCellComponent(editor.grids().getFirst(), rule - 1, "column-" + column);
    }

    private static Button saveChanges() {
        return _get(Button.class, s -> s.withPredicate(b -> b.getText().startsWith("Save changes")));
    }

    @Test
    void aTableCellOffersTheVocabularyAndSaysAtOnceWhatItDoesNotTake() {
        ChangeRequestView view = show(opened("Payer typo"));
        DecisionTableEditor editor = tableEditor(view, PAYER);
        ComboBox<String> payer = cell(editor, 2, 2);
        assertThat(payer.getElement().getAttribute("aria-label")).isEqualTo("Payer, rule 2");
        assertThat(payer.getValue()).isEqualTo("MEDICAID");
        assertThat(payer.getListDataView().getItemCount()).isEqualTo(5);
        assertThat(saveChanges().isEnabled()).as("nothing to save yet").isFalse();

        _setValue(payer, "MEDICAD");

        assertThat(payer.isInvalid()).isTrue();
        assertThat(payer.getErrorMessage()).isEqualTo("'MEDICAD' is not a payer. Allowed: MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
        assertThat(payer.getElement().getClassList()).contains("cell-unsaved");
        assertThat(editor.draft().tables().getFirst().rows().get(1).get(2)).as("kept as typed, not dropped").isEqualTo("MEDICAD");
        assertThat(saveChanges().getText()).isEqualTo("Save changes (1)");
        assertThat(saveChanges().isEnabled()).isTrue();
        TextField hours = cell(editor, 4, 5);
        _setValue(hours, "two hundred");
        assertThat(hours.getErrorMessage()).isEqualTo("'two hundred' is not a whole number: expected a whole number from 0 to 168 (hours per week)");
    }

    @Test
    void checkMarksTheCellKeepsTheGridAndSaysWhereInWords() {
        ChangeRequestView view = show(opened("Category typo"));
        DecisionTableEditor editor = tableEditor(view, "com/careplace/rules/diagnosis-categories.drl.csv");
        var grid = editor.grids().getFirst();
        _setValue(cell(editor, 4, 2), "ANXIETY");

        _click(_get(Button.class, s -> s.withText("Check")));
        awaitUi(() -> !view.results().summaryText().startsWith("Not checked yet"));

        assertThat(view.results().summaryText()).startsWith("Does not compile: 1 problem");
        assertThat(GridKt._getFormattedRow(view.results().problems(), 0)).containsExactly(
                "Diagnosis categories, rule 4 (Diagnosis category: anxiety disorder), Category",
                "'ANXIETY' is not a diagnosis category. Allowed: SUBSTANCE_USE_DISORDER, DEPRESSIVE_DISORDER, BIPOLAR_DISORDER, "
                        + "ANXIETY_DISORDER, EATING_DISORDER, TRAUMA_RELATED_DISORDER, SELF_HARM, PSYCHOTIC_DISORDER, OTHER");
        assertThat(editor.grids().getFirst()).as("the grid is not rebuilt: its scroll position stays").isSameAs(grid);
        ComboBox<String> category = cell(editor, 4, 2);
        assertThat(category.isInvalid()).isTrue();
    }

    @Test
    void oneSaveKeepsEveryEditedAssetWithOneReason() {
        ChangeRequest request = opened("Two tables at once");
        ChangeRequestView view = show(request);
        TextField hours = cell(tableEditor(view, PAYER), 4, 5);
        _setValue(hours, "7");
        String levels = "com/careplace/rules/dimension-levels.drl.csv";
        _setValue(cell(tableEditor(view, levels), 1, 3), "0.5");
        assertThat(GridKt._findAll(view.assetList())).filteredOn(a -> a.path().equals(PAYER) || a.path().equals(levels)).hasSize(2);
        assertThat(saveChanges().getText()).isEqualTo("Save changes (2)");

        _click(saveChanges());
        _setValue(_get(TextField.class, s -> s.withLabel("Reason")), "TRICARE 7 hours; D1 rated 0 needs only early intervention");
        _click(_get(Button.class, s -> s.withText("Save")));

        assertThat(saved(request, PAYER)).contains("ELIGIBLE,TRICARE,yes,no,7,");
        assertThat(saved(request, levels)).contains("D1 withdrawal rated 0: minimum level 1,D1,0,0.5");
        assertThat(changes.assets(request.id())).filteredOn(a -> a.path().equals(PAYER) || a.path().equals(levels))
                .allSatisfy(a -> assertThat(a.revision()).isEqualTo(2));
        assertThat(saveChanges().isEnabled()).as("nothing left unsaved").isFalse();
        TextField redrawn = cell(tableEditor(view, PAYER), 4, 5);
        assertThat(redrawn.getValue()).isEqualTo("7");
        assertThat(redrawn.getElement().getClassList()).as("saved now").doesNotContain("cell-unsaved");
    }

    @Test
    void leavingWithUnsavedEditsAsksFirst() {
        ChangeRequestView view = show(opened("Wandering off"));
        _setValue(cell(tableEditor(view, PAYER), 4, 5), "7");

        UI.getCurrent().navigate(ChangeRequestsView.class);

        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._getHeader(confirm)).isEqualTo("Leave without saving?");
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst()).as("still here").isSameAs(view);
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(confirm);
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst()).isInstanceOf(ChangeRequestsView.class);
    }

    @Test
    void afterSubmitTheScreenShowsEachAssetOnce() {
        ChangeRequest request = opened("TRICARE 7 hours with its scenario");
        changes.save(request.id(), PAYER, TricareMinimum.table(saved(request, PAYER), 7), 1, "dana", "TRICARE manual");
        changes.save(request.id(), TricareMinimum.SUITE, TricareMinimum.suiteExpectingWarning(saved(request, TricareMinimum.SUITE)),
                1, "dana", "6 hours is below the new minimum");
        ChangeRequestView view = show(request);

        _click(_get(Button.class, s -> s.withText("Submit for review")));
        awaitUi(() -> changes.changeRequest(request.id()).status() == ChangeRequest.Status.SUBMITTED);
        awaitUi(() -> view.results().summaryText().contains("all 143 scenarios pass"));

        assertThat(view.assetList().getColumns()).as("once a column, not once per rebuild").hasSize(1);
        _assertNone(Button.class, s -> s.withText("Submit for review"));
    }

    @Test
    void aFailedScenarioTakesTheRulesNewAnswerInOneClick() {
        ChangeRequest request = opened("TRICARE 7 hours, answer accepted");
        changes.save(request.id(), PAYER, TricareMinimum.table(saved(request, PAYER), 7), 1, "dana", "TRICARE manual");
        ChangeRequestView view = show(request);
        _click(_get(Button.class, s -> s.withText("Check")));
        awaitUi(() -> view.results().summaryText().contains("1 of 143 scenarios fail"));
        openAsset(view, TricareMinimum.SUITE);
        ScenarioSuiteEditor suite = (ScenarioSuiteEditor) view.openEditor();
        String before = suite.text();
        com.careplace.scenario.Scenario failing = GridKt._findAll(suite.table()).stream()
                .filter(sc -> sc.name().equals(TricareMinimum.SCENARIO)).findFirst().orElseThrow();

        suite.acceptNewAnswer(failing);

        assertThat(suite.text()).as("only that scenario's expectation changed, as an author would write it")
                .isEqualTo(TricareMinimum.suiteExpectingWarning(before));
        assertThat(saveChanges().getText()).isEqualTo("Save changes (1)");
        _click(_get(Button.class, s -> s.withText("Check")));
        awaitUi(() -> view.results().summaryText().contains("all 143 scenarios pass"));
    }

    @Test
    void aCaseAReviewerOfferedIsAddedAsAScenarioFromTheNoteInTwoClicks() {
        ChangeRequest request = opened("Teen TRICARE case kept");
        signIn("riley", Role.REVIEWER);
        com.careplace.placement.PlacementRequest teen = com.careplace.placement.PlacementRequestReader.read(tools.jackson.databind.json.JsonMapper
                .builder().build().readValue("{\"age\":13,\"diagnoses\":[\"F41.1\"],\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,"
                        + "\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}", Object.class));
        offeredCases.offer(new OfferedCases.Offer(teen, releases.forRequest(null).evaluator().evaluate(teen), "Teen on TRICARE, 6 hours",
                "Seen in the impact", "review of 'Teen TRICARE case kept'", request.id(), "decision 1"), "riley");

        signIn("dana", Role.AUTHOR);
        ChangeRequestView view = show(request);
        String note = _get(com.vaadin.flow.component.html.Div.class, s -> s.withClasses("offered-note")).getElement().getTextRecursively();
        assertThat(note).contains("A case was offered for this change request by riley: 'Teen on TRICARE, 6 hours'");
        _click(_get(Button.class, s -> s.withText("Add to a scenario suite…")));
        com.vaadin.flow.component.grid.Grid<OfferedCase> cases = _get(com.vaadin.flow.component.grid.Grid.class,
                s -> s.withPredicate(g -> g.findAncestor(com.vaadin.flow.component.dialog.Dialog.class) != null
                        && g.findAncestor(com.vaadin.flow.component.dialog.Dialog.class).hasClassName("offered-cases")));
        assertThat(GridKt._getFormattedRow(cases, 0)).anySatisfy(c -> assertThat(c).contains("age 13", "TRICARE"))
                .anySatisfy(c -> assertThat(c).contains("level 2.1")).anySatisfy(c -> assertThat(c).contains("for this change request"));
        cases.select(GridKt._get(cases, 0));
        _click(_get(Button.class, s -> s.withText("Add as scenario…")));
        assertThat(_get(TextField.class, s -> s.withLabel("Name")).getValue()).isEqualTo("Teen on TRICARE, 6 hours");
        _click(_get(Button.class, s -> s.withText("Done")));

        ScenarioSuiteEditor suite = (ScenarioSuiteEditor) view.openEditor();
        assertThat(suite.text()).contains("- name: \"Teen on TRICARE, 6 hours\"\n    description: \"Seen in the impact\"\n    given:\n      age: 13");
        assertThat(offeredCases.offeredTo(request.id())).singleElement().satisfies(c -> assertThat(c.use()).isPresent());
        _assertNone(Button.class, s -> s.withText("Add to a scenario suite…"));
        _click(_get(Button.class, s -> s.withText("Check")));
        awaitUi(() -> view.results().summaryText().contains("all 144 scenarios pass"));
    }

    @Test
    void aSpreadsheetImportKeepsItsRulesAndShowsWhatTheGridCannotEditAsItIs() {
        ChangeRequestView view = show(opened("Payer table from Excel"));
        DecisionTableEditor editor = tableEditor(view, PAYER);
        String table = TricareMinimum.table(saved(changes.changeRequests().stream().filter(r -> r.title().equals("Payer table from Excel"))
                .findFirst().orElseThrow(), PAYER), 7);
        // The table two columns to the right (RuleSet and notes stay in A): it comes back to column A, into the grid
        String moved = table.lines().map(line -> line.startsWith("RuleSet") || line.startsWith("Import") || line.startsWith("Notes")
                || line.isBlank() ? line : ",," + line).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        editor.importWorkbook("payer.drl.xls", com.careplace.workbench.rules.DecisionTableWorkbook.toXls(moved, "Payer"));
        assertThat(cell(editor, 4, 5).getValue()).as("TRICARE's minimum hours").isEqualTo("7");
        assertThat(saveChanges().getText()).isEqualTo("Save changes (1)");

        // Text beside the table (a note in column A of a rule row): kept, shown as it is, not in the grid
        String annotated = moved.replace(",,Payer requirements: TRICARE,", "check with finance,,Payer requirements: TRICARE,");
        editor.importWorkbook("annotated.drl.xlsx", com.careplace.workbench.rules.DecisionTableWorkbook.toXlsx(annotated, "Payer"));
        assertThat(editor.grids()).isEmpty();
        assertThat(_get(com.vaadin.flow.component.grid.Grid.class, s -> s.withClasses("sheet-as-it-is"))).isNotNull();
        assertThat(_get(Button.class, s -> s.withText("Add rule row")).isEnabled()).isFalse();
        assertThat(editor.text()).contains("check with finance,,Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,7,");

        // What the rule policy refuses is not imported at all
        String foreign = table.replace(",IopDetermination,", ",java.io.File,");
        editor.importWorkbook("foreign.drl.xlsx", com.careplace.workbench.rules.DecisionTableWorkbook.toXlsx(foreign, "Payer"));
        assertThat(NotificationsKt.getNotifications()).map(ChangeRequestViewUiTest::text)
                .anySatisfy(t -> assertThat(t).startsWith("Not imported: foreign.drl.xlsx: row ").contains("`java.io.File` is not allowed"));
        assertThat(editor.text()).as("the last good import stays").contains("check with finance");
    }

    @Test
    void codeOverSeveralLinesComesInWholeAndStaysWholeThroughAnEditAndASave() {
        String oneLine = "\"if (Answer.yes(\"\"$param\"\")) { insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION)); }\"";
        String threeLines = "\"if (Answer.yes(\"\"$param\"\")) {\n    insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));\n}\"";
        ChangeRequest request = opened("Prior authorization written over lines");
        ChangeRequestView view = show(request);
        DecisionTableEditor editor = tableEditor(view, PAYER);
        String table = saved(request, PAYER).replace(oneLine, threeLines);
        editor.importWorkbook("payer.drl.xlsx", com.careplace.workbench.rules.DecisionTableWorkbook.toXlsx(table, "Payer"));
        assertThat(editor.grids()).as("the grid opens it").hasSize(1);

        _click(_get(Button.class, s -> s.withText("Columns…")));
        _setValue(_get(com.vaadin.flow.component.checkbox.Checkbox.class, s -> s.withLabel("Show the code (object type and template of each column)")), true);
        // In a text field the line breaks would go on the first keystroke
        var columns = _get(com.vaadin.flow.component.grid.Grid.class, s -> s.withClasses("table-columns"));
        assertThat(GridKt._getCellComponent(columns, 3, "code")).isInstanceOfSatisfying(com.vaadin.flow.component.textfield.TextArea.class,
                area -> assertThat(area.getValue()).isEqualTo(threeLines.substring(1, threeLines.length() - 1).replace("\"\"", "\"")));
        _click(_get(Button.class, s -> s.withText("Done")));

        _setValue(cell(editor, 4, 5), "7");
        _click(saveChanges());
        _setValue(_get(TextField.class, s -> s.withLabel("Reason")), "TRICARE 7 hours");
        _click(_get(Button.class, s -> s.withText("Save")));
        assertThat(saved(request, PAYER)).contains(threeLines).contains("ELIGIBLE,TRICARE,yes,no,7,");
    }

    @Test
    void aTableFromAnXlsIsExportedAsAnXlsWithItsOtherSheetsAfterItIsSaved() throws Exception {
        ChangeRequest request = opened("Payer table kept in Excel 97");
        ChangeRequestView view = show(request);
        DecisionTableEditor editor = tableEditor(view, PAYER);
        byte[] xls;
        try (var workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook(new java.io.ByteArrayInputStream(
                com.careplace.workbench.rules.DecisionTableWorkbook.toXls(TricareMinimum.table(saved(request, PAYER), 7), "Payer")));
             var out = new java.io.ByteArrayOutputStream()) {
            workbook.createSheet("Contract notes").createRow(0).createCell(0).setCellValue("TRICARE from 2027");
            workbook.write(out);
            xls = out.toByteArray();
        }
        assertThat(_get(Button.class, s -> s.withText("Export to Excel")).getElement().getAttribute("title")).contains(".drl.xlsx");
        editor.importWorkbook("payer.drl.xls", xls);
        assertThat(NotificationsKt.getNotifications()).map(ChangeRequestViewUiTest::text).anySatisfy(t -> assertThat(t)
                .contains("Sheet 'Contract notes' is not part of the rules"));
        _click(saveChanges());
        _setValue(_get(TextField.class, s -> s.withLabel("Reason")), "TRICARE 7 hours, from the contract workbook");
        _click(_get(Button.class, s -> s.withText("Save")));
        assertThat(changes.importedFrom(request.id(), PAYER)).hasValueSatisfying(w -> assertThat(w.fileName()).isEqualTo("payer.drl.xls"));

        // Opened afresh: the export remembers the format and the other sheet
        DecisionTableEditor reopened = tableEditor(show(request), PAYER);
        assertThat(_get(Button.class, s -> s.withText("Export to Excel (.xls)")).getElement().getAttribute("title"))
                .contains("with the workbook's other sheets");
        assertThat(_get(Button.class, s -> s.withText("as .xlsx"))).isNotNull();
        var exported = reopened.asItCame("payer-requirements");
        assertThat(exported.name()).isEqualTo("payer-requirements.drl.xls");
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(exported.bytes()))) {
            assertThat(workbook).isInstanceOf(org.apache.poi.hssf.usermodel.HSSFWorkbook.class);
            assertThat(workbook.getSheet("Contract notes").getRow(0).getCell(0).getStringCellValue()).isEqualTo("TRICARE from 2027");
        }
    }

    @Test
    void theGeneratedRulesFollowUnsavedEditsAndLeadToTheirRows() {
        ChangeRequestView view = show(opened("Generated rules"));
        DecisionTableEditor editor = tableEditor(view, PAYER);
        _setValue(cell(editor, 4, 5), "8");
        com.vaadin.flow.component.dialog.Dialog generated = editor.openGeneratedRules();
        assertThat(generated.isModal()).as("the grid stays usable beside it").isFalse();
        assertThat(_get(generated, com.vaadin.flow.component.html.Pre.class, s -> s.withText(null).withPredicate(p -> p.getText()
                .startsWith("rule \"Payer requirements: TRICARE\""))).getText()).contains("insert(new PayerMinimumHours(8));");
        var grid = editor.grids().getFirst();
        assertThat(grid.getPartNameGenerator().apply(GridKt._get(grid, 3))).isNotEqualTo("revealed");
        _click(_get(generated, Button.class, s -> s.withText("Rule 4: Payer requirements: TRICARE")));
        assertThat(grid.getPartNameGenerator().apply(GridKt._get(grid, 3))).as("rule 4 shown in the grid").isEqualTo("revealed");
        assertThat(_get(generated, Button.class, s -> s.withText("Rule 5: Payer requirements: self-pay")).isEnabled()).isTrue();
    }

    @Test
    void submittingARuleNoScenarioFiresAsksForTheReviewersReason() {
        ChangeRequest request = opened("A rule for the very old, from the screen");
        changes.save(request.id(), PLACEMENT, saved(request, PLACEMENT) + "\nrule \"Geriatric review\"\nwhen\n    Assessment( age > 120 )\n"
                + "then\nend\n", 1, "dana", "Pilot rule");
        ChangeRequestView view = show(request);

        _click(_get(Button.class, s -> s.withText("Submit for review")));
        awaitUi(() -> !com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.dialog.Dialog.class,
                s -> s.withClasses("coverage-waiver-dialog")).isEmpty());
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);
        _click(_get(Button.class, s -> s.withText("Submit with this reason")));
        assertThat(_get(TextField.class, s -> s.withLabel("Reason to submit without scenarios")).isInvalid()).as("a reason is required").isTrue();
        _setValue(_get(TextField.class, s -> s.withLabel("Reason to submit without scenarios")), "Pilot: no such patient yet");
        _click(_get(Button.class, s -> s.withText("Submit with this reason")));
        awaitUi(() -> changes.changeRequest(request.id()).status() == ChangeRequest.Status.SUBMITTED);
        assertThat(changes.coverageWaiver(request.id())).hasValueSatisfying(w -> assertThat(w.reason()).isEqualTo("Pilot: no such patient yet"));
    }

    @Test
    void theAuthorWithdrawsTheirChangeRequestFromItsScreen() {
        ChangeRequest request = opened("Withdrawn from the screen");
        show(request);
        _click(_get(Button.class, s -> s.withText("Withdraw")));
        _setValue(_get(TextField.class, s -> s.withLabel("Reason")), "Duplicate of another request");
        _click(_get(com.vaadin.flow.component.dialog.Dialog.class).getFooter().getElement().getChildren()
                .map(e -> e.getComponent().orElseThrow()).filter(c -> c instanceof Button b && b.getText().equals("Withdraw"))
                .map(Button.class::cast).findFirst().orElseThrow());
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.WITHDRAWN);
        _assertNone(Button.class, s -> s.withText("Submit for review"));
        _assertNone(Button.class, s -> s.withText("Withdraw"));
    }

    @Test
    void aConditionColumnIsAddedFromThePickerWithNoCodeTyped() {
        ChangeRequestView view = show(opened("Payer rules by age"));
        DecisionTableEditor editor = tableEditor(view, PAYER);
        _click(_get(Button.class, s -> s.withText("Columns…")));
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.select.Select<com.careplace.workbench.rules.AssetTemplates.Condition> condition =
                _get(com.vaadin.flow.component.select.Select.class, s -> s.withLabel("Add a condition: what the rule tests"));
        _setValue(condition, condition.getListDataView().getItems().filter(c -> c.field().equals("age")).findFirst().orElseThrow());
        _click(_get(Button.class, s -> s.withText("Add condition")));
        _click(_get(Button.class, s -> s.withText("Done")));

        var table = editor.draft().tables().getFirst();
        assertThat(table.heading(3)).isEqualTo("Age at least");
        assertThat(table.code().get(3)).isEqualTo("age >= $param");
        assertThat(editor.text()).contains("Payer requirements: TRICARE,ELIGIBLE,TRICARE,,yes,no,6,");
        TextField age = cell(editor, 4, 3);
        assertThat(age.getElement().getAttribute("aria-label")).isEqualTo("Age at least, rule 4");
        _setValue(age, "200");
        assertThat(age.getErrorMessage()).isEqualTo("200 is out of range: expected a whole number from 0 to 130 (years)");
        assertThat(saveChanges().getText()).isEqualTo("Save changes (1)");
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

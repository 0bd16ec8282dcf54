package com.careplace.workbench.authoring.ui;

import com.careplace.scenario.ScenarioResult;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.ReviewerComments;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.authoring.EditConflictException;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.base.LineDiff;
import com.careplace.workbench.base.ui.Background;
import com.careplace.workbench.base.ui.Notifications;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an author works on a change request: pick an asset, edit it (DRL, decision table or scenario
 * suite), save with a reason, check (compile and every suite, in the background), and submit.
 */
@Route("change-requests")
@RolesAllowed({"AUTHOR", "REVIEWER"})
public class ChangeRequestView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final ChangeRequestService changes;
    private final ReviewerComments reviewerComments;
    private final String me;
    private final boolean author;
    private final Map<String, AssetEditor> editors = new HashMap<>();
    private final Map<String, AssetRevision> saved = new LinkedHashMap<>();
    private final Grid<AssetRevision> assetList = new Grid<>();
    private final VerticalLayout editorArea = new VerticalLayout();
    private final TextField reason = new TextField();
    private final Button save = new Button("Save", VaadinIcon.CHECK.create());
    private final Button check = new Button("Check", VaadinIcon.PLAY.create());
    private final Button submit = new Button("Submit for review", VaadinIcon.PAPERPLANE.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final CheckResults results;
    private ChangeRequest request;
    private CheckReport pendingReport;
    private String openPath;
    private boolean editable;

    public ChangeRequestView(ChangeRequestService changes, ReviewerComments reviewerComments, AuthenticationContext authentication) {
        this.changes = changes;
        this.reviewerComments = reviewerComments;
        this.me = authentication.getPrincipalName().orElseThrow();
        this.author = authentication.hasRole("AUTHOR");
        this.results = new CheckResults(this::revealProblem, this::revealScenario);
        if (author || authentication.hasRole("REVIEWER")) {
            changes.prepareChecks();
        }
        setSizeFull();
        addClassName("change-request-view");
    }

    @Override
    public void setParameter(BeforeEvent event, String id) {
        try {
            request = changes.changeRequest(id);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            removeAll();
            add(new H2("No such change request"), new Paragraph("It may have been opened on another workbench database."));
            return;
        }
        build();
    }

    @Override
    public String getPageTitle() {
        return (request == null ? "Change request" : request.title()) + " · Careplace";
    }

    private void build() {
        removeAll();
        editable = author && request.status() == ChangeRequest.Status.OPEN;
        H2 title = new H2(request.title());
        Optional<ReviewerComments.SentBack> sentBack = reviewerComments.sentBack(request);
        Span status = ChangeRequestsView.status(request, sentBack.isPresent());
        status.addClassName("cr-status");
        HorizontalLayout heading = new HorizontalLayout(title, status);
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        Paragraph rationale = new Paragraph(request.rationale() + " — opened by " + request.author());
        rationale.addClassName("rationale");
        add(heading, rationale);
        sentBack.ifPresent(comment -> {
            Div note = new Div(new Span("Sent back by " + comment.reviewer() + ": "), new Span(comment.comment()));
            note.addClassName("sent-back");
            add(note);
        });

        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        check.addClickListener(e -> runCheck());
        check.setTooltipText("Compile this change request (with unsaved edits) and run every scenario suite");
        submit.addClickListener(e -> runSubmit());
        submit.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        submit.setVisible(editable);
        progress.setIndeterminate(true);
        progress.setWidth("10rem");
        progress.setVisible(false);
        HorizontalLayout toolbar = new HorizontalLayout(check, submit, progress, progressText);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        add(toolbar);

        assetList.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        assetList.addComponentColumn(a -> {
            // Vocabulary files by what clinicians call them ("Payers"), the rest by file name
            Span name = new Span(Vocabulary.Part.ofPath(a.path()).map(Vocabulary.Part::title)
                    .orElse(a.path().substring(a.path().lastIndexOf('/') + 1)));
            Span kind = new Span(kindLabel(a.path()));
            kind.addClassName("asset-kind");
            Div cell = new Div(name, kind);
            cell.addClassName("asset-cell");
            if (a.revision() > 1) {
                Span edited = new Span("rev " + a.revision());
                edited.getElement().getThemeList().add("badge small");
                cell.add(edited);
            }
            return cell;
        }).setHeader("Rule assets");
        assetList.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(a -> open(a.path())));
        // Every asset rendered and the list scrolled as a whole: rule files, vocabulary and suites all reachable.
        assetList.setAllRowsVisible(true);
        Button newAsset = new Button("New asset", VaadinIcon.PLUS.create(), e -> AssetDialogs.create(changes, request.id(), me,
                vocabulary(), path -> {
                    reloadAssets();
                    assetList.select(saved.get(path));
                }).open());
        newAsset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        newAsset.setVisible(editable);
        VerticalLayout assetColumn = new VerticalLayout(newAsset, assetList);
        assetColumn.setPadding(false);
        assetColumn.setSpacing(false);
        Scroller assetScroller = new Scroller(assetColumn);
        assetScroller.setHeightFull();

        reason.setPlaceholder("Why this change (kept in the history)");
        reason.setWidth("28rem");
        save.addClickListener(e -> saveOpenAsset());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        editorArea.setSizeFull();
        editorArea.addClassName("editor-area");
        editorArea.setPadding(false);

        SplitLayout split = new SplitLayout(assetScroller, editorArea);
        split.setSplitterPosition(20);
        split.setSizeFull();
        SplitLayout vertical = new SplitLayout(split, results, SplitLayout.Orientation.VERTICAL);
        vertical.setSplitterPosition(62);
        vertical.setSizeFull();
        add(vertical);
        setFlexGrow(1, vertical);
        reloadAssets();
        assetList.select(saved.values().stream().findFirst().orElse(null));
    }

    private void reloadAssets() {
        saved.clear();
        changes.assets(request.id()).forEach(a -> saved.put(a.path(), a));
        assetList.setItems(saved.values());
    }

    private void open(String path) {
        openPath = path;
        AssetRevision revision = saved.get(path);
        AssetEditor editor = editors.computeIfAbsent(path, p -> editorFor(p, revision.text()));
        editor.setReadOnly(!editable);
        editorArea.removeAll();
        Span file = new Span(path);
        file.addClassName("asset-path");
        Span rev = new Span("revision " + revision.revision() + ", saved by " + revision.savedBy());
        rev.addClassName("asset-revision");
        HorizontalLayout saveRow = new HorizontalLayout(reason, save);
        if (revision != null && new RuleAsset(path, "").kind() != RuleAsset.Kind.VOCABULARY) {
            // Vocabulary files are a fixed set: their entries change, the files stay.
            Button rename = new Button("Rename", VaadinIcon.EDIT.create(), e -> AssetDialogs.rename(changes, request.id(), me,
                    saved.get(path), renamed -> {
                        editors.remove(path);
                        reloadAssets();
                        assetList.select(saved.get(renamed));
                    }).open());
            Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> AssetDialogs.delete(changes, request.id(), me,
                    saved.get(path), () -> {
                        editors.remove(path);
                        editorArea.removeAll();
                        reloadAssets();
                        assetList.select(saved.values().stream().findFirst().orElse(null));
                    }).open());
            rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            saveRow.add(rename, delete);
        }
        saveRow.setVisible(editable);
        // Where the asset is and who saved it on one line, what the author does with it on the next: neither squeezes the other.
        HorizontalLayout identity = new HorizontalLayout(file, rev);
        identity.setAlignItems(FlexComponent.Alignment.BASELINE);
        identity.setWidthFull();
        identity.setWrap(true);
        saveRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        saveRow.setWrap(true);
        VerticalLayout top = new VerticalLayout(identity, saveRow);
        top.setPadding(false);
        top.setSpacing(false);
        top.setWidthFull();
        editorArea.add(top, editor.component());
        editorArea.setFlexGrow(1, editor.component());
    }

    private AssetEditor editorFor(String path, String text) {
        return switch (new RuleAsset(path, text).kind()) {
            case DECISION_TABLE -> new DecisionTableEditor(path.substring(path.lastIndexOf('/') + 1), text);
            case SCENARIO_SUITE -> new ScenarioSuiteEditor(path, text);
            case VOCABULARY -> new VocabularyEditor(Vocabulary.Part.ofPath(path).orElseThrow(), text);
            default -> new SourceEditor(text);
        };
    }

    /** The vocabulary of the change request as saved (release 1.0.0's while it does not read: Check says why). */
    private Vocabulary vocabulary() {
        try {
            return RuleAsset.vocabulary(saved.values().stream().map(a -> new RuleAsset(a.path(), a.text())).toList());
        } catch (com.careplace.placement.vocabulary.InvalidVocabularyException e) {
            return Vocabulary.baseline();
        }
    }

    /** Paths whose editor text differs from what is saved. */
    private Map<String, String> unsavedEdits() {
        return editors.entrySet().stream().filter(e -> saved.containsKey(e.getKey()))
                .filter(e -> !e.getValue().text().equals(saved.get(e.getKey()).text()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().text()));
    }

    private void saveOpenAsset() {
        AssetEditor editor = editors.get(openPath);
        AssetRevision base = saved.get(openPath);
        if (editor.text().equals(base.text())) {
            Notifications.refused("Nothing to save: " + base.path() + " is unchanged");
            return;
        }
        if (reason.getValue().isBlank()) {
            reason.setErrorMessage("Say why: it goes into the asset's history");
            reason.setInvalid(true);
            return;
        }
        reason.setInvalid(false);
        try {
            AssetRevision revision = changes.save(request.id(), openPath, editor.text(), base.revision(), me, reason.getValue());
            Notifications.done("Saved " + revision.path().substring(revision.path().lastIndexOf('/') + 1) + " as revision " + revision.revision());
            reason.clear();
            String keep = openPath;
            reloadAssets();
            assetList.select(saved.get(keep));
        } catch (EditConflictException conflict) {
            showConflict(conflict);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            Notifications.refused(refused.getMessage());
        }
    }

    private void showConflict(EditConflictException conflict) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Someone saved this asset while you were editing");
        AssetRevision theirs = conflict.theirs();
        dialog.add(new Paragraph(theirs.savedBy() + " saved revision " + theirs.revision() + ". Their changes to the revision you started from:"));
        Pre diff = new Pre(conflict.theirChanges().stream()
                .map(l -> (l.kind() == LineDiff.Kind.ADDED ? "+ " : l.kind() == LineDiff.Kind.REMOVED ? "- " : "  ") + l.text())
                .collect(Collectors.joining("\n")));
        diff.addClassName("conflict-diff");
        dialog.add(diff, new Paragraph("Nothing was overwritten. Your text is still in the editor."));
        Button loadTheirs = new Button("Discard mine, load theirs", e -> {
            dialog.close();
            reloadAssets();
            editors.get(openPath).load(saved.get(openPath).text());
            assetList.select(saved.get(openPath));
        });
        Button keepMine = new Button("Keep mine (replaces theirs)", e -> {
            dialog.close();
            saved.put(openPath, theirs);
            saveOpenAsset();
        });
        keepMine.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(loadTheirs, keepMine);
        dialog.open();
    }

    private void runCheck() {
        Map<String, String> unsaved = unsavedEdits();
        busy(true, unsaved.isEmpty() ? "Compiling and running every scenario suite…"
                : "Compiling with your unsaved edits and running every scenario suite…");
        Background.run(UI.getCurrent(), () -> changes.check(request.id(), unsaved, me), this::showReport, this::failed);
    }

    private void runSubmit() {
        if (!unsavedEdits().isEmpty()) {
            Notifications.refused("Save your edits first: " + String.join(", ", unsavedEdits().keySet()));
            return;
        }
        busy(true, "Checking and submitting…");
        Background.run(UI.getCurrent(), () -> changes.submit(request.id(), me), report -> {
            showReport(report);
            Notifications.done("Submitted for review");
            request = changes.changeRequest(request.id());
            build();
            results.show(report);
        }, this::failed);
    }

    private void showReport(CheckReport report) {
        busy(false, "");
        results.show(report);
        editors.forEach((path, editor) -> editor.showProblems(report.compileProblems().stream().filter(p -> p.asset().equals(path)).toList()));
        if (report.suites() != null) {
            editors.values().stream().filter(ScenarioSuiteEditor.class::isInstance)
                    .forEach(e -> ((ScenarioSuiteEditor) e).showResults(report.suites().results()));
        }
        pendingReport = report;
    }

    private void failed(Throwable error) {
        busy(false, "");
        if (error instanceof SubmissionRefusedException refused) {
            // Show what failed where the author fixes it, not only in the toast.
            refused.report().ifPresent(this::showReport);
            Notifications.refused("Not submitted: " + String.join("; ", refused.reasons()));
        } else if (error instanceof IllegalStateException || error instanceof IllegalArgumentException) {
            Notifications.refused(error.getMessage());
        } else {
            Notifications.refused("The check could not run: " + error.getClass().getSimpleName());
        }
    }

    private void busy(boolean busy, String text) {
        progress.setVisible(busy);
        progressText.setText(text);
        check.setEnabled(!busy);
        submit.setEnabled(!busy);
    }

    private void revealProblem(CompileProblem problem) {
        AssetRevision revision = saved.get(problem.asset());
        if (revision != null) {
            assetList.select(revision);
            editors.get(problem.asset()).reveal(problem);
        }
    }

    private void revealScenario(ScenarioResult result) {
        saved.values().stream().filter(a -> new RuleAsset(a.path(), a.text()).kind() == RuleAsset.Kind.SCENARIO_SUITE)
                .filter(a -> {
                    AssetEditor editor = editors.computeIfAbsent(a.path(), p -> editorFor(p, a.text()));
                    return editor.text().contains(result.scenario());
                }).findFirst().ifPresent(a -> {
                    assetList.select(a);
                    ((ScenarioSuiteEditor) editors.get(a.path())).revealScenario(result.scenario());
                    if (pendingReport != null && pendingReport.suites() != null) {
                        ((ScenarioSuiteEditor) editors.get(a.path())).showResults(pendingReport.suites().results());
                    }
                });
    }

    private static String kindLabel(String path) {
        return switch (new RuleAsset(path, "").kind()) {
            case DRL -> "DRL rules";
            case DECISION_TABLE -> "decision table";
            case SCENARIO_SUITE -> "scenario suite";
            case VOCABULARY -> "vocabulary";
            case OTHER -> "";
        };
    }

    /** For tests: the open asset's editor. */
    AssetEditor openEditor() {
        return editors.get(openPath);
    }

    CheckResults results() {
        return results;
    }

    Grid<AssetRevision> assetList() {
        return assetList;
    }
}

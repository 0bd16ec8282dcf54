package com.careplace.workbench.authoring.ui;

import com.careplace.scenario.ScenarioResult;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.OfferedCase;
import com.careplace.workbench.authoring.OfferedCases;
import com.careplace.workbench.authoring.ReviewerComments;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.authoring.EditConflictException;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.TableVerification;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.base.LineDiff;
import com.careplace.workbench.base.ui.Background;
import com.careplace.workbench.base.ui.Notifications;
import com.vaadin.flow.component.UI;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.RouteConfiguration;
import java.util.LinkedHashSet;
import java.util.Set;
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
public class ChangeRequestView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle, BeforeLeaveObserver {

    private final ChangeRequestService changes;
    private final ReviewerComments reviewerComments;
    private final OfferedCases offeredCases;
    private final Div offeredNote = new Div();
    private final String me;
    private final boolean author;
    private final Map<String, AssetEditor> editors = new HashMap<>();
    private final Map<String, AssetRevision> saved = new LinkedHashMap<>();
    /** Assets whose editor text differs from what is saved, in the order they were first edited. */
    private final Set<String> unsaved = new LinkedHashSet<>();
    private final Grid<AssetRevision> assetList = new Grid<>();
    private final VerticalLayout editorArea = new VerticalLayout();
    private final H2 title = new H2();
    private final Span status = new Span();
    private final Paragraph rationale = new Paragraph();
    private final Div sentBackNote = new Div();
    private final Div staleNote = new Div();
    private final Button save = new Button("Save changes", VaadinIcon.CHECK.create());
    private final Button check = new Button("Check", VaadinIcon.PLAY.create());
    private final Button submit = new Button("Submit for review", VaadinIcon.PAPERPLANE.create());
    private final Button newAsset = new Button("New asset", VaadinIcon.PLUS.create());
    private final Button withdraw = new Button("Withdraw", VaadinIcon.BAN.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final SplitLayout vertical;
    private final CheckResults results;
    private ChangeRequest request;
    private CheckReport pendingReport;
    private String openPath;
    private boolean editable;
    private boolean drawerWasOpen;

    public ChangeRequestView(ChangeRequestService changes, ReviewerComments reviewerComments, OfferedCases offeredCases,
                             AuthenticationContext authentication) {
        this.changes = changes;
        this.offeredCases = offeredCases;
        this.reviewerComments = reviewerComments;
        this.me = authentication.getPrincipalName().orElseThrow();
        this.author = authentication.hasRole("AUTHOR");
        this.results = new CheckResults(this::revealProblem, this::revealScenario, this::describe, this::revealFinding,
                this::describeFinding);
        if (author || authentication.hasRole("REVIEWER")) {
            changes.prepareChecks();
        }
        setSizeFull();
        setSpacing(false);
        addClassName("change-request-view");

        // Built once: build() only fills in the change request (a rebuilt grid would gain its columns twice).
        Anchor back = new Anchor(RouteConfiguration.forSessionScope().getUrl(ChangeRequestsView.class), "← Change requests");
        back.addClassName("back-link");
        status.addClassName("cr-status");
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        check.addClickListener(e -> runCheck());
        check.setTooltipText("Compile this change request (with unsaved edits) and run every scenario suite");
        save.addClickListener(e -> openSaveDialog());
        save.setTooltipText("Save every edited asset with one reason (Ctrl+S)");
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL);
        submit.addClickListener(e -> runSubmit());
        submit.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        submit.setTooltipText("Checks once more, then sends the change request to a reviewer");
        progress.setIndeterminate(true);
        progress.setWidth("8rem");
        progress.setVisible(false);
        progressText.addClassName("progress-text");
        HorizontalLayout titleRow = new HorizontalLayout(title, status);
        titleRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        titleRow.addClassName("cr-title");
        withdraw.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        withdraw.setTooltipText("Take this change request back: it will not be reviewed or merged");
        withdraw.addClickListener(e -> openWithdrawDialog());
        HorizontalLayout actions = new HorizontalLayout(progress, progressText, withdraw, save, check, submit);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.addClassName("cr-actions");
        HorizontalLayout heading = new HorizontalLayout(titleRow, actions);
        heading.setWidthFull();
        heading.setAlignItems(FlexComponent.Alignment.CENTER);
        heading.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        heading.setWrap(true);
        heading.addClassName("cr-heading");
        rationale.addClassName("rationale");
        sentBackNote.addClassName("sent-back");

        assetList.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        assetList.addComponentColumn(this::assetCell).setHeader("Rule assets");
        assetList.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(a -> open(a.path())));
        // Every asset rendered and the list scrolled as a whole: rule files, vocabulary and suites all reachable.
        assetList.setAllRowsVisible(true);
        newAsset.addClickListener(e -> AssetDialogs.create(changes, request.id(), me, vocabulary(), path -> {
            reloadAssets();
            assetList.select(saved.get(path));
        }).open());
        newAsset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        VerticalLayout assetColumn = new VerticalLayout(newAsset, assetList);
        assetColumn.setPadding(false);
        assetColumn.setSpacing(false);
        Scroller assetScroller = new Scroller(assetColumn);
        assetScroller.setHeightFull();
        assetScroller.addClassName("asset-scroller");

        editorArea.setSizeFull();
        editorArea.addClassName("editor-area");
        editorArea.setPadding(false);
        editorArea.setSpacing(false);
        SplitLayout split = new SplitLayout(assetScroller, editorArea);
        split.setSplitterPosition(18);
        split.setSizeFull();
        vertical = new SplitLayout(split, results, SplitLayout.Orientation.VERTICAL);
        // Before the first Check the results pane is a strip: the editor gets the height.
        vertical.setSplitterPosition(80);
        vertical.setSizeFull();
        staleNote.addClassName("stale-note");
        offeredNote.addClassName("offered-note");
        add(back, heading, rationale, sentBackNote, staleNote, offeredNote, vertical);
        setFlexGrow(1, vertical);
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

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // The editor needs the width: the menu folds away here (the menu button brings it back) and returns on leaving.
        Optional.ofNullable(findAncestor(AppLayout.class)).ifPresent(layout -> {
            drawerWasOpen = layout.isDrawerOpened();
            layout.setDrawerOpened(false);
        });
        // The browser asks before a reload or a closed tab loses unsaved edits; the flag is set as edits come and go.
        getElement().executeJs("""
                if (!window.__careplaceUnsavedGuard) {
                  window.__careplaceUnsavedGuard = true;
                  window.addEventListener('beforeunload', e => { if (window.__careplaceUnsaved) { e.preventDefault(); e.returnValue = ''; } });
                }
                window.__careplaceUnsaved = false;""");
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        getElement().executeJs("window.__careplaceUnsaved = false;");
        if (drawerWasOpen) {
            Optional.ofNullable(findAncestor(AppLayout.class)).ifPresent(layout -> layout.setDrawerOpened(true));
        }
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (unsaved.isEmpty()) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Leave without saving?");
        confirm.setText("Unsaved edits in " + titles(unsaved) + " will be lost. Save them first with Save changes.");
        confirm.setCancelable(true);
        confirm.setCancelText("Stay here");
        confirm.setConfirmText("Leave and discard edits");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            unsaved.clear();
            leave.proceed();
        });
        confirm.open();
    }

    private void build() {
        editable = author && request.status() == ChangeRequest.Status.OPEN;
        title.setText(request.title());
        Optional<ReviewerComments.SentBack> sentBack = reviewerComments.sentBack(request);
        Span badge = ChangeRequestsView.status(request, sentBack.isPresent());
        status.setText(badge.getText());
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().addAll(badge.getElement().getThemeList());
        rationale.setText(request.rationale() + " — opened by " + request.author() + ", " + Downloads.WHEN.format(request.createdAt()));
        sentBackNote.removeAll();
        sentBack.ifPresent(comment -> sentBackNote.add(new Span("Sent back by " + comment.reviewer() + ": "), new Span(comment.comment())));
        sentBackNote.setVisible(sentBack.isPresent());
        submit.setVisible(editable);
        save.setVisible(editable);
        withdraw.setVisible(author && me.equals(request.author()) && (request.status() == ChangeRequest.Status.OPEN
                || request.status() == ChangeRequest.Status.SUBMITTED));
        newAsset.setVisible(editable);
        editors.values().forEach(editor -> editor.setReadOnly(!editable));
        reloadAssets();
        showStale(); // names the assets by their titles: after they are loaded
        showOfferedCases();
        updateUnsaved();
        assetList.select(openPath != null && saved.containsKey(openPath) ? saved.get(openPath)
                : saved.values().stream().findFirst().orElse(null));
    }

    private Component assetCell(AssetRevision a) {
        RuleAsset asset = new RuleAsset(a.path(), editors.containsKey(a.path()) ? editors.get(a.path()).text() : a.text());
        Span name = new Span(asset.title());
        Span kind = new Span(kindLabel(a.path()));
        kind.addClassName("asset-kind");
        Div cell = new Div(name, kind);
        cell.addClassName("asset-cell");
        cell.getElement().setAttribute("title", a.path());
        if (unsaved.contains(a.path())) {
            Span mark = new Span("unsaved");
            mark.getElement().getThemeList().add("badge small warning");
            mark.addClassName("unsaved-mark");
            cell.add(mark);
        } else if (a.revision() > 1) {
            Span edited = new Span("rev " + a.revision());
            edited.getElement().getThemeList().add("badge small");
            cell.add(edited);
        }
        return cell;
    }

    private void reloadAssets() {
        saved.clear();
        changes.assets(request.id()).forEach(a -> saved.put(a.path(), a));
        assetList.setItems(saved.values());
    }

    private void open(String path) {
        openPath = path;
        AssetRevision revision = saved.get(path);
        AssetEditor editor = editor(path);
        editor.setReadOnly(!editable);
        editorArea.removeAll();
        RuleAsset asset = new RuleAsset(path, editor.text());
        Span file = new Span(asset.title());
        file.addClassName("asset-title");
        file.getElement().setAttribute("title", path);
        Span kind = new Span(kindLabel(path));
        kind.addClassName("asset-kind");
        Span rev = new Span("revision " + revision.revision() + ", saved by " + revision.savedBy() + ", "
                + Downloads.WHEN.format(revision.savedAt()));
        rev.addClassName("asset-revision");
        HorizontalLayout identity = new HorizontalLayout(file, kind, rev);
        identity.setAlignItems(FlexComponent.Alignment.BASELINE);
        identity.setWrap(true);
        identity.addClassName("asset-identity");
        HorizontalLayout top = new HorizontalLayout(identity);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        Button history = new Button("History", VaadinIcon.TIME_BACKWARD.create(), e -> AssetHistoryDialog.of(changes, path,
                new RuleAsset(path, editor(path).text()).title(), () -> editor(path).text(), editable ? text -> {
                    editor(path).load(text);
                    edited(path);
                    Notifications.done("Restored into the editor: save it (Save changes) to keep it");
                } : null).open());
        history.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        history.setTooltipText("Who changed this asset, when and why; compare versions and restore an old one");
        HorizontalLayout assetActions = new HorizontalLayout(history);
        assetActions.setSpacing(false);
        top.add(assetActions);
        if (editable && asset.kind() != RuleAsset.Kind.VOCABULARY) {
            // Vocabulary files are a fixed set: their entries change, the files stay.
            Button rename = new Button("Rename", VaadinIcon.EDIT.create(), e -> AssetDialogs.rename(changes, request.id(), me,
                    saved.get(path), renamed -> {
                        editors.remove(path);
                        unsaved.remove(path);
                        reloadAssets();
                        assetList.select(saved.get(renamed));
                    }).open());
            Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> AssetDialogs.delete(changes, request.id(), me,
                    saved.get(path), () -> {
                        editors.remove(path);
                        unsaved.remove(path);
                        editorArea.removeAll();
                        reloadAssets();
                        updateUnsaved();
                        assetList.select(saved.values().stream().findFirst().orElse(null));
                    }).open());
            rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            assetActions.add(rename, delete);
        }
        top.addClassName("asset-top");
        editorArea.add(top, editor.component());
        editorArea.setFlexGrow(1, editor.component());
    }

    /** The asset's editor, made on first use and kept (with its unsaved edits) while the screen is open. */
    private AssetEditor editor(String path) {
        return editors.computeIfAbsent(path, p -> {
            AssetEditor editor = editorFor(p, saved.get(p).text());
            editor.onEdit(() -> edited(p));
            if (pendingReport != null) {
                // Opened after a Check: it shows what that Check found in it.
                editor.showProblems(pendingReport.compileProblems().stream().filter(c -> c.asset().equals(p)).toList());
                editor.showFindings(pendingReport.tableFindings().stream().filter(f -> f.asset().equals(p)).toList());
                if (editor instanceof ScenarioSuiteEditor suite && pendingReport.suites() != null) {
                    suite.showResults(pendingReport.suites().results());
                }
            }
            return editor;
        });
    }

    /** An editor changed: is its asset unsaved now, or back to what is saved? */
    private void edited(String path) {
        AssetRevision revision = saved.get(path);
        boolean differs = revision != null && !editors.get(path).text().equals(revision.text());
        if (differs ? unsaved.add(path) : unsaved.remove(path)) {
            assetList.getDataProvider().refreshItem(revision);
            updateUnsaved();
        }
    }

    private void updateUnsaved() {
        save.setText(unsaved.isEmpty() ? "Save changes" : "Save changes (" + unsaved.size() + ")");
        save.setEnabled(editable && !unsaved.isEmpty());
        save.getElement().getThemeList().set("primary", !unsaved.isEmpty());
        getElement().executeJs("window.__careplaceUnsaved = $0;", !unsaved.isEmpty());
    }

    private String titles(java.util.Collection<String> paths) {
        return String.join(", ", paths.stream().map(p -> new RuleAsset(p, editors.containsKey(p) ? editors.get(p).text()
                : saved.get(p).text()).title()).toList());
    }

    /** Where a problem is, in the author's words: the asset's title, then the rule and column or the line. */
    private String describe(CompileProblem problem) {
        AssetRevision revision = saved.get(problem.asset());
        if (revision == null) {
            return problem.where();
        }
        String inside = editor(problem.asset()).describe(problem);
        String assetTitle = new RuleAsset(revision.path(), editors.get(problem.asset()).text()).title();
        return inside.isEmpty() ? assetTitle : assetTitle + ", " + inside;
    }

    private AssetEditor editorFor(String path, String text) {
        return switch (new RuleAsset(path, text).kind()) {
            case DECISION_TABLE -> new DecisionTableEditor(path.substring(path.lastIndexOf('/') + 1), text, vocabulary(),
                    changes.importedFrom(request.id(), path));
            case SCENARIO_SUITE -> new ScenarioSuiteEditor(path, text, vocabulary(), caseShelf());
            case VOCABULARY -> new VocabularyEditor(Vocabulary.Part.ofPath(path).orElseThrow(), text);
            case DRL -> SourceEditor.drl(text, vocabulary());
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

    /** Paths whose editor text differs from what is saved: what Check compiles in place of the saved text. */
    private Map<String, String> unsavedEdits() {
        return editors.entrySet().stream().filter(e -> saved.containsKey(e.getKey()))
                .filter(e -> !e.getValue().text().equals(saved.get(e.getKey()).text()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().text()));
    }

    private void openSaveDialog() {
        List<String> paths = List.copyOf(unsaved);
        if (paths.isEmpty()) {
            Notifications.refused("Nothing to save: no asset has unsaved edits");
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(paths.size() == 1 ? "Save " + titles(paths) : "Save " + paths.size() + " edited assets");
        dialog.add(new Paragraph(paths.size() == 1 ? "One reason goes into the asset's history."
                : "Edited: " + titles(paths) + ". One reason goes into each asset's history; all are saved or, if someone "
                + "saved one of them meanwhile, none."));
        TextField reason = new TextField("Reason");
        reason.setPlaceholder("Why this change (kept in the history)");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        Button confirm = new Button("Save", e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage("Say why: it goes into the history");
                reason.setInvalid(true);
                return;
            }
            dialog.close();
            saveAll(paths, reason.getValue());
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        dialog.add(reason);
        dialog.setWidth("min(36rem, 95vw)");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
        reason.focus();
    }

    /** Cases a reviewer offered for this change request and not yet added: say so where the author looks first. */
    private void showOfferedCases() {
        offeredNote.removeAll();
        List<OfferedCase> waiting = editable ? offeredCases.offeredTo(request.id()).stream()
                .filter(c -> request.id().equals(c.changeRequestId()) && c.use().isEmpty()).toList() : List.of();
        Optional<String> suite = saved.keySet().stream().filter(p -> new RuleAsset(p, saved.get(p).text()).kind()
                == RuleAsset.Kind.SCENARIO_SUITE).findFirst();
        offeredNote.setVisible(!waiting.isEmpty());
        if (waiting.isEmpty()) {
            return;
        }
        offeredNote.add(new Span((waiting.size() == 1 ? "A case was" : waiting.size() + " cases were") + " offered for this change request by "
                + waiting.stream().map(OfferedCase::offeredBy).distinct().collect(Collectors.joining(", ")) + ": "
                + waiting.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", ")) + ". "));
        suite.ifPresent(path -> {
            Button add = new Button("Add to a scenario suite…", VaadinIcon.CLIPBOARD_CHECK.create(), e -> {
                assetList.select(saved.get(path));
                if (editor(path) instanceof ScenarioSuiteEditor suiteEditor) {
                    suiteEditor.openOfferedCases();
                }
            });
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            offeredNote.add(add);
        });
    }

    /** The shelf of offered cases a suite editor of this change request reads. */
    private ScenarioSuiteEditor.CaseShelf caseShelf() {
        return new ScenarioSuiteEditor.CaseShelf() {
            @Override
            public String changeRequestId() {
                return request.id();
            }

            @Override
            public List<OfferedCase> cases() {
                return offeredCases.offeredTo(request.id());
            }

            @Override
            public void used(OfferedCase offered) {
                offeredCases.use(offered.id(), request.id(), me);
                showOfferedCases();
            }
        };
    }

    /** Mainline moved under assets this change request edits: say so, and offer to bring each up to date. */
    private void showStale() {
        staleNote.removeAll();
        List<ChangeRequestService.StaleAsset> stale = request.status() == ChangeRequest.Status.OPEN || request.status()
                == ChangeRequest.Status.SUBMITTED ? changes.staleAssets(request.id()) : List.of();
        staleNote.setVisible(!stale.isEmpty());
        if (stale.isEmpty()) {
            return;
        }
        staleNote.add(new Span("Mainline changed since this change request began: " + titles(stale.stream()
                .map(ChangeRequestService.StaleAsset::path).toList()) + (stale.size() == 1 ? " was" : " were")
                + " changed there too. It cannot be approved until " + (stale.size() == 1 ? "it is" : "they are")
                + " brought up to date. "));
        if (editable) {
            Button open = new Button("Bring up to date…", VaadinIcon.REFRESH.create(), e -> openUpToDateDialog(stale));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL);
            staleNote.add(open);
        }
    }

    private void openUpToDateDialog(List<ChangeRequestService.StaleAsset> stale) {
        Dialog dialog = new Dialog();
        dialog.addClassName("up-to-date-dialog");
        dialog.setHeaderTitle("Bring up to date with mainline");
        dialog.setWidth("min(64rem, 96vw)");
        TextField reason = new TextField("Reason");
        reason.setPlaceholder("e.g. TRICARE hours approved meanwhile; my diagnosis rows kept");
        reason.setWidthFull();
        dialog.add(reason);
        for (ChangeRequestService.StaleAsset asset : stale) {
            String title = titles(List.of(asset.path()));
            Div part = new Div(new H2(title));
            part.addClassName("stale-asset");
            part.add(new Paragraph(asset.conflicts()
                    ? (asset.combined() != null ? "Changed on mainline and here, on different lines: both can be kept. "
                    : "Changed on mainline and here, on the same lines: choose. ") + "What mainline changed since you began:"
                    : "Mainline now holds the same text as this change request: nothing to choose."),
                    AssetHistoryDialog.lines(asset.base(), asset.mainline()));
            if (asset.conflicts()) {
                part.add(new Paragraph("What this change request changes, compared with mainline now:"),
                        AssetHistoryDialog.lines(asset.mainline(), asset.mine()));
            }
            if (asset.conflicts() && asset.combined() != null) {
                Button combine = new Button("Combine both (recommended)", e -> bringUpToDate(dialog, reason, asset.path(),
                        ChangeRequestService.UpToDate.COMBINE));
                combine.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                combine.setTooltipText("Mainline's changes and yours touch different lines: both are kept");
                part.add(combine);
            }
            Button keep = new Button(asset.conflicts() ? "Keep mine as it is" : "Bring up to date", e ->
                    bringUpToDate(dialog, reason, asset.path(), ChangeRequestService.UpToDate.KEEP_MINE));
            keep.addThemeVariants(ButtonVariant.LUMO_SMALL);
            keep.setTooltipText(asset.conflicts() ? "Your text stays; the review will show what it undoes of mainline's" : "");
            part.add(keep);
            if (asset.conflicts()) {
                Button theirs = new Button("Take mainline's, drop mine", e -> bringUpToDate(dialog, reason, asset.path(),
                        ChangeRequestService.UpToDate.TAKE_MAINLINE));
                theirs.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                part.add(theirs);
            }
            dialog.add(part);
        }
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void bringUpToDate(Dialog dialog, TextField reason, String path, ChangeRequestService.UpToDate how) {
        if (reason.getValue().isBlank()) {
            reason.setErrorMessage("Say why: it goes into the history");
            reason.setInvalid(true);
            return;
        }
        try {
            changes.bringUpToDate(request.id(), path, how, me, reason.getValue());
            dialog.close();
            editors.remove(path);
            unsaved.remove(path);
            Notifications.done(titles(List.of(path)) + switch (how) {
                case COMBINE -> ": mainline's changes and yours combined";
                case KEEP_MINE -> ": your version now builds on mainline's";
                case TAKE_MAINLINE -> ": mainline's version taken";
            });
            build();
            if (path.equals(openPath)) {
                open(path);
            }
        } catch (IllegalStateException | IllegalArgumentException refused) {
            Notifications.refused(refused.getMessage());
        }
    }

    private void openWithdrawDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Withdraw " + request.title() + "?");
        dialog.add(new Paragraph("It will not be reviewed or merged into mainline. It stays in the list as withdrawn, and "
                + "its saved versions stay in each asset's history." + (unsaved.isEmpty() ? "" : " Unsaved edits are discarded.")));
        TextField reason = new TextField("Reason");
        reason.setPlaceholder("Why it is withdrawn (kept in the audit trail)");
        reason.setWidthFull();
        Button confirm = new Button("Withdraw", e -> {
            try {
                request = changes.withdraw(request.id(), me, reason.getValue());
                dialog.close();
                unsaved.clear();
                editors.clear();
                Notifications.done("Withdrawn: " + request.title());
                build();
            } catch (IllegalArgumentException refused) {
                reason.setErrorMessage(refused.getMessage());
                reason.setInvalid(true);
            } catch (IllegalStateException refused) {
                dialog.close();
                Notifications.refused(refused.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.setWidth("min(34rem, 95vw)");
        dialog.getFooter().add(new Button("Keep it", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void saveAll(List<String> paths, String reason) {
        List<ChangeRequestService.Edit> edits = paths.stream()
                .map(p -> new ChangeRequestService.Edit(p, editors.get(p).text(), saved.get(p).revision(),
                        editors.get(p).importedFrom().orElse(null))).toList();
        try {
            List<AssetRevision> revisions = changes.saveAll(request.id(), edits, me, reason);
            Notifications.done(revisions.size() == 1
                    ? "Saved " + titles(paths) + " as revision " + revisions.getFirst().revision()
                    : "Saved " + revisions.size() + " assets: " + titles(paths));
            unsaved.removeAll(paths);
            reloadAssets();
            paths.forEach(p -> editors.get(p).markSaved());
            if (paths.stream().anyMatch(p -> new RuleAsset(p, "").kind() == RuleAsset.Kind.VOCABULARY)) {
                // Table cells offer the vocabulary's values: tables without edits of their own are shown afresh.
                editors.keySet().removeIf(p -> new RuleAsset(p, "").kind() == RuleAsset.Kind.DECISION_TABLE && !unsaved.contains(p));
            }
            updateUnsaved();
            if (openPath != null && saved.containsKey(openPath)) {
                assetList.select(saved.get(openPath));
                open(openPath);
            }
        } catch (EditConflictException conflict) {
            showConflict(conflict, reason);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            Notifications.refused(refused.getMessage());
        }
    }

    private void showConflict(EditConflictException conflict, String reason) {
        Dialog dialog = new Dialog();
        AssetRevision theirs = conflict.theirs();
        String path = theirs.path();
        dialog.setHeaderTitle("Someone saved " + titles(List.of(path)) + " while you were editing");
        dialog.add(new Paragraph(theirs.savedBy() + " saved revision " + theirs.revision() + ". Their changes to the revision you started from:"));
        Pre diff = new Pre(conflict.theirChanges().stream()
                .map(l -> (l.kind() == LineDiff.Kind.ADDED ? "+ " : l.kind() == LineDiff.Kind.REMOVED ? "- " : "  ") + l.text())
                .collect(Collectors.joining("\n")));
        diff.addClassName("conflict-diff");
        dialog.add(diff, new Paragraph("Nothing was saved, of this asset or any other. Your edits are still in the editors."));
        Button loadTheirs = new Button("Discard mine, load theirs", e -> {
            dialog.close();
            reloadAssets();
            editors.get(path).load(saved.get(path).text());
            unsaved.remove(path);
            updateUnsaved();
            assetList.select(saved.get(path));
        });
        Button keepMine = new Button("Keep mine (replaces theirs)", e -> {
            dialog.close();
            saved.put(path, theirs);
            saveAll(List.copyOf(unsaved), reason);
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
            Notifications.refused("Save your edits first (Save changes): " + titles(unsavedEdits().keySet()));
            return;
        }
        submit(null);
    }

    private void submit(String coverageWaiver) {
        busy(true, "Checking and submitting…");
        Background.run(UI.getCurrent(), () -> changes.submit(request.id(), me, coverageWaiver), report -> {
            showReport(report);
            Notifications.done("Submitted for review");
            request = changes.changeRequest(request.id());
            build();
        }, this::failed);
    }

    /** Rules no scenario fires: the author adds scenarios, or says why the reviewer should take it as it is. */
    private void askForCoverageWaiver(List<String> rules) {
        Dialog dialog = new Dialog();
        dialog.addClassName("coverage-waiver-dialog");
        dialog.setHeaderTitle(rules.size() == 1 ? "A rule fires in no scenario" : rules.size() + " rules fire in no scenario");
        Div list = new Div();
        rules.forEach(rule -> list.add(new Div(new Span("• " + rule))));
        list.addClassName("uncovered-rules");
        dialog.add(new Paragraph("No scenario shows what " + (rules.size() == 1 ? "this rule does" : "these rules do")
                + ", so no Check would notice if " + (rules.size() == 1 ? "it" : "they") + " stopped working:"), list,
                new Paragraph("Add a scenario for each (the Scenarios tab of a suite, Add scenario), or submit with a reason. "
                        + "The reviewer sees the reason, and the audit trail keeps it."));
        TextField reason = new TextField("Reason to submit without scenarios");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        Button confirm = new Button("Submit with this reason", e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage("Say why: the reviewer reads it");
                reason.setInvalid(true);
                return;
            }
            dialog.close();
            submit(reason.getValue());
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.setWidth("min(40rem, 95vw)");
        dialog.getFooter().add(new Button("Add scenarios first", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void showReport(CheckReport report) {
        busy(false, "");
        results.show(report);
        // What needs attention gets room: the results pane grows when something fails.
        vertical.setSplitterPosition(report.passes() ? 66 : 58);
        editors.forEach((path, editor) -> editor.showProblems(report.compileProblems().stream().filter(p -> p.asset().equals(path)).toList()));
        editors.forEach((path, editor) -> editor.showFindings(report.tableFindings().stream().filter(f -> f.asset().equals(path)).toList()));
        if (report.suites() != null) {
            editors.values().stream().filter(ScenarioSuiteEditor.class::isInstance)
                    .forEach(e -> ((ScenarioSuiteEditor) e).showResults(report.suites().results()));
        }
        pendingReport = report;
    }

    private void failed(Throwable error) {
        busy(false, "");
        if (error instanceof SubmissionRefusedException refused && !refused.uncoveredRules().isEmpty()) {
            refused.report().ifPresent(this::showReport);
            askForCoverageWaiver(refused.uncoveredRules());
        } else if (error instanceof SubmissionRefusedException refused) {
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
            editor(problem.asset()).reveal(problem);
        }
    }

    private void revealFinding(TableVerification.Finding finding) {
        AssetRevision revision = saved.get(finding.asset());
        if (revision != null) {
            assetList.select(revision);
            AssetEditor editor = editor(finding.asset());
            if (pendingReport != null) {
                editor.showFindings(pendingReport.tableFindings().stream().filter(f -> f.asset().equals(finding.asset())).toList());
            }
            editor.reveal(finding);
        }
    }

    private String describeFinding(TableVerification.Finding finding) {
        AssetRevision revision = saved.get(finding.asset());
        String title = revision == null ? finding.table() : new RuleAsset(revision.path(), editor(finding.asset()).text()).title();
        String rules = finding.rules().isEmpty() ? "" : (finding.rules().size() == 1 ? ", rule " : ", rules ")
                + String.join(", ", finding.rules().stream().map(String::valueOf).toList());
        return title + (title.equals(finding.table()) ? "" : " › " + finding.table()) + rules;
    }

    private void revealScenario(ScenarioResult result) {
        saved.values().stream().filter(a -> new RuleAsset(a.path(), a.text()).kind() == RuleAsset.Kind.SCENARIO_SUITE)
                .filter(a -> {
                    AssetEditor editor = editor(a.path());
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

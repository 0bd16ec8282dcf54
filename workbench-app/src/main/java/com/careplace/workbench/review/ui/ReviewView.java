package com.careplace.workbench.review.ui;

import com.careplace.workbench.authoring.AssetChange;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.ChangeRequestChecks;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.TableVerification;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.base.ui.Background;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.review.ApprovedRelease;
import com.careplace.workbench.review.ChangedSinceSeenException;
import com.careplace.workbench.review.FourEyesException;
import com.careplace.workbench.review.BreakingChange;
import com.careplace.workbench.review.CallerCompatibility;
import com.careplace.workbench.review.Impact;
import com.careplace.workbench.review.ImpactAnalysis;
import com.careplace.workbench.review.Outcome;
import com.careplace.workbench.review.ReviewService;
import com.careplace.workbench.review.Verdict;
import com.careplace.workbench.review.VersionBump;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.careplace.workbench.base.ui.OfferCaseDialog;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.careplace.workbench.review.WhatIfBatch;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.component.upload.Upload;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Optional;
import java.util.NoSuchElementException;

/**
 * Reviewing one change request: rationale, every changed asset as a diff, its compile and scenario
 * results, its impact on scenarios and on recent real decisions, then approve (building a release) or
 * reject with a comment. Four eyes is enforced by the service; the screen only says so early.
 */
@Route("review")
@RolesAllowed("REVIEWER")
public class ReviewView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private static final String EXPECT_BEFORE = "Today's answer (the change must not alter it)";
    private static final String EXPECT_AFTER = "This change's answer";
    private static final String EXPECT_AUTHOR = "Nothing yet: the author decides";
    /** Recent logged decisions replayed for the impact. */
    static final int REPLAYED_DECISIONS = 500;

    private final ChangeRequestService changes;
    private final ReviewService review;
    private final ImpactAnalysis impactAnalysis;
    private final CallerCompatibility compatibility;
    private final String me;
    private String seen;
    private final Span checkSummary = new Span("Checking…");
    private final Div tableChecks = new Div();
    private final VerticalLayout impactArea = new VerticalLayout();
    private final VerticalLayout breakingArea = new VerticalLayout();
    private final TextArea comment = new TextArea("Comment");
    private final RadioButtonGroup<VersionBump> bump = new RadioButtonGroup<>("Version");
    private final Button approve = new Button("Approve and build release");
    private final Button reject = new Button("Reject");
    private ChangeRequest request;

    public ReviewView(ChangeRequestService changes, ReviewService review, ImpactAnalysis impactAnalysis,
                      CallerCompatibility compatibility, AuthenticationContext authentication) {
        this.changes = changes;
        this.review = review;
        this.impactAnalysis = impactAnalysis;
        this.compatibility = compatibility;
        this.me = authentication.getPrincipalName().orElseThrow();
        addClassName("review-view");
    }

    @Override
    public String getPageTitle() {
        return "Review: " + (request == null ? "" : request.title()) + " · Careplace";
    }

    @Override
    public void setParameter(BeforeEvent event, String id) {
        try {
            request = changes.changeRequest(id);
        } catch (NoSuchElementException e) {
            add(new H2("No such change request"));
            return;
        }
        build();
    }

    private void build() {
        removeAll();
        add(new H2("Review: " + request.title()));
        Paragraph rationale = new Paragraph("Rationale: " + request.rationale() + " — by " + request.author());
        rationale.addClassName("rationale");
        add(rationale);
        if (request.status() != ChangeRequest.Status.SUBMITTED) {
            // Once decided, mainline has moved on: a diff against it would show nothing, so say what happened instead.
            Optional<Verdict> verdict = review.latestVerdict(request.id());
            Paragraph state = new Paragraph(switch (request.status()) {
                case APPROVED -> "Approved by " + verdict.map(Verdict::reviewer).orElse("a reviewer") + ". Its release is on the Releases screen.";
                case OPEN -> verdict.filter(v -> !v.approved())
                        .map(v -> "Sent back to " + request.author() + " by " + v.reviewer() + ": " + v.comment())
                        .orElse("Still being edited by its author; it is reviewed once submitted.");
                default -> "This change request is " + request.status().name().toLowerCase() + ".";
            });
            state.addClassName("review-state");
            add(state, new RouterLink("Back to the review queue", ReviewsView.class));
            return;
        }

        // What this page shows: a verdict on anything else is refused.
        seen = changes.stamp(request.id());
        boolean ownWork = !review.mayReview(request.id(), me);
        if (ownWork) {
            // Said first, before the reviewer reads the whole change.
            Div note = new Div(new Span("You wrote or edited this change request: another reviewer must approve or reject it (four eyes)."));
            note.addClassNames("sent-back", "four-eyes");
            add(note);
        }

        List<AssetChange> changed = changes.changedAssets(request.id());
        add(new H3("What changed (" + changed.size() + " asset" + (changed.size() == 1 ? "" : "s") + ")"));
        for (AssetChange asset : changed) {
            String what = switch (asset.kind()) {
                case CREATED -> " — new, by ";
                case DELETED -> " — deleted by ";
                case CHANGED -> " — revision " + asset.proposed().revision() + " by ";
            };
            Details details = new Details(asset.path() + what + asset.proposed().savedBy(),
                    AssetDiff.of(asset.path(), asset.mainline(), asset.proposed().text()));
            details.setOpened(true);
            details.setWidthFull();
            add(details);
        }
        List<String> changedPaths = changed.stream().map(AssetChange::path).toList();

        // Breaking changes first among the checks: they decide the version and whom to warn
        boolean breaksCallers = compatibility.breaksCallers(request.id());
        if (breaksCallers) {
            add(new H3("Breaking changes for callers"), breakingArea);
            breakingArea.setPadding(false);
            breakingArea.add(new Span("Counting the logged requests of the last " + CallerCompatibility.WINDOW.toDays()
                    + " days that use what this change removes…"));
        }
        add(new H3("Compile and scenarios"), checkSummary);
        changes.coverageWaiver(request.id()).ifPresent(waiver -> {
            // Submitted with rules no scenario fires: the reviewer reads which, and why the author thinks that is fine.
            Div note = new Div(new Span(waiver.rules().size() + " rule(s) fire in no scenario: " + String.join(", ", waiver.rules())
                    + ". " + waiver.by() + " submitted anyway: “" + waiver.reason() + "”"));
            note.addClassName("coverage-waiver");
            add(note);
        });
        tableChecks.addClassName("review-table-checks");
        add(tableChecks);
        add(new H3("Impact on outcomes"), impactArea);
        impactArea.setPadding(false);
        add(new H3("Replay the decision log"), replayArea());
        add(new H3("What if: cases you bring"), whatIfArea());
        ProgressBar impactProgress = new ProgressBar();
        impactProgress.setIndeterminate(true);
        impactProgress.setWidth("12rem");
        impactArea.add(new Span("Replaying every scenario and the last " + REPLAYED_DECISIONS + " logged decisions on this change, mainline and the deployed release…"), impactProgress);

        UI ui = UI.getCurrent();
        Background.run(ui, () -> changes.check(request.id(), me), this::showChecks,
                e -> checkSummary.setText("The check could not run: " + e.getMessage()));
        Background.run(ui, () -> impactAnalysis.analyse(request.id(), REPLAYED_DECISIONS, me), this::showImpact, e -> {
            impactArea.removeAll();
            impactArea.add(new Span("The impact could not be computed: " + e.getMessage()));
        });
        if (breaksCallers) {
            Background.run(ui, () -> compatibility.breakingChanges(request.id(), me), this::showBreaking, e -> {
                breakingArea.removeAll();
                breakingArea.add(new Span("The logged requests could not be counted: " + e.getMessage()));
            });
        }

        add(new H3("Decision"));
        comment.setWidth("40rem");
        comment.setMaxLength(4000);
        comment.setPlaceholder("Required to reject: what the author must change. Optional to approve.");
        bump.setItems(VersionBump.values());
        // Each choice says what it means and the version it makes, not only semantic-versioning's word for it.
        bump.setItemLabelGenerator(b -> switch (b) {
            case PATCH -> "Patch: corrections to tables or scenarios";
            case MINOR -> "Minor: rules or vocabulary added or changed, callers unaffected";
            case MAJOR -> "Major: calling systems must change";
        });
        VersionBump proposed = VersionBump.defaultFor(changedPaths, breaksCallers);
        bump.setValue(proposed);
        bump.setHelperText("Patch: tables or scenarios only. Minor: rules or vocabulary added to. Major: callers must "
                + "change (something they send or receive is gone). Default here: " + proposed.name().toLowerCase()
                + (breaksCallers ? ", because this change breaks callers" : ""));
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        approve.addClickListener(e -> approve());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.addClickListener(e -> reject());
        // The service enforces four eyes; the screen does not offer what it would refuse.
        boolean decidable = request.status() == ChangeRequest.Status.SUBMITTED && !ownWork;
        approve.setEnabled(decidable);
        reject.setEnabled(decidable);
        HorizontalLayout buttons = new HorizontalLayout(approve, reject);
        buttons.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(comment, bump, buttons);
    }

    private void showChecks(CheckReport report) {
        checkSummary.setText(report.passes()
                ? "Compiles · all " + report.suites().results().size() + " scenarios pass"
                + (report.suites().neverFired().isEmpty() ? "" : " · " + report.suites().neverFired().size() + " rule(s) never fired")
                : "Does not pass: " + String.join("; ", report.reasons()));
        checkSummary.getElement().getThemeList().add("badge " + (report.passes() ? "success" : "error"));
        showTableChecks(report.tableFindings());
    }

    /** What table verification finds in the change request's tables, those mainline does not have first. */
    private void showTableChecks(List<TableVerification.Finding> findings) {
        tableChecks.removeAll();
        if (findings.isEmpty()) {
            tableChecks.add(new Span("Table checks: no gaps, conflicts or redundant rules in the decision tables."));
            return;
        }
        List<TableVerification.Finding> before = ChangeRequestChecks.verifyTables(changes.mainline().stream()
                .map(a -> new RuleAsset(a.path(), a.text())).toList());
        tableChecks.add(new H4("Table checks (" + findings.size() + ")"));
        findings.stream().sorted(java.util.Comparator.comparing((TableVerification.Finding f) -> isKnown(before, f))).forEach(f -> {
            Span kind = new Span(f.kind().label());
            kind.getElement().getThemeList().add("badge small " + (f.kind() == TableVerification.Kind.CONFLICT ? "error" : "warning"));
            Span where = new Span(" " + f.table() + (f.rules().isEmpty() ? "" : ", rule" + (f.rules().size() > 1 ? "s " : " ")
                    + String.join(", ", f.rules().stream().map(String::valueOf).toList())) + ": ");
            where.addClassName("rule-name");
            Div line = new Div(kind, where, new Span(f.message()));
            if (!isKnown(before, f)) {
                Span fresh = new Span("new with this change");
                fresh.getElement().getThemeList().add("badge small contrast");
                line.add(new Span(" "), fresh);
            }
            line.addClassName("review-table-finding");
            tableChecks.add(line);
        });
    }

    private static boolean isKnown(List<TableVerification.Finding> mainline, TableVerification.Finding finding) {
        return mainline.stream().anyMatch(m -> m.kind() == finding.kind() && m.table().equals(finding.table())
                && m.message().equals(finding.message()));
    }

    private void showBreaking(List<BreakingChange> breaking) {
        breakingArea.removeAll();
        Grid<BreakingChange> grid = new Grid<>();
        grid.addClassName("breaking-changes");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(BreakingChange::what).setHeader("Change").setFlexGrow(2);
        grid.addColumn(BreakingChange::effect).setHeader("What callers see").setFlexGrow(3);
        grid.addColumn(b -> count(b.requests(), "logged request", "logged requests")).setHeader("Used in the last "
                + CallerCompatibility.WINDOW.toDays() + " days").setWidth("14rem").setFlexGrow(0);
        grid.setItems(breaking);
        grid.setAllRowsVisible(true);
        Span warning = new Span("This change breaks callers of the decision API: tell the teams whose systems call it "
                + "before it is deployed. The version bump defaults to major.");
        warning.getElement().getThemeList().add("badge error");
        breakingArea.add(warning, grid);
    }

    private void showImpact(Impact impact) {
        impactArea.removeAll();
        String compared = count(impact.scenariosCompared(), "scenario", "scenarios") + " and "
                + count(impact.decisionsCompared(), "recent decision", "recent decisions");
        // First what this change does on its own: against mainline, which may hold approved changes not yet deployed.
        H4 ownHeading = new H4("What this change does");
        Span own = new Span(count(impact.ownChanges().size(), "outcome changes", "outcomes change") + " against mainline · " + compared
                + " decided with mainline's rules and with this change's");
        own.addClassName("own-impact-summary");
        Anchor download = Downloads.of(new Button("Download changed cases (CSV)", VaadinIcon.DOWNLOAD.create()),
                "impact-" + request.id() + ".csv", "text/csv", () -> impactAnalysis.changedCasesCsv(request.id(), impact, me));
        download.getElement().setAttribute("title", "Every changed case of both comparisons, before and after, for a spreadsheet");
        impactArea.add(download, ownHeading, own);
        if (!impact.unexercisedRules().isEmpty()) {
            Span untested = new Span((impact.unexercisedRules().size() == 1 ? "No case exercises this new rule: "
                    : "No case exercises these new rules: ") + String.join(", ", impact.unexercisedRules())
                    + ". Nothing above shows what " + (impact.unexercisedRules().size() == 1 ? "it does" : "they do") + ".");
            untested.getElement().getThemeList().add("badge error");
            untested.addClassName("unexercised-rules");
            impactArea.add(untested);
        }
        impactArea.add(impactGrid(impact.ownChanges(), "mainline", "own-impact-grid",
                "Mainline and this change decide every scenario and recent decision alike."));
        H4 deployHeading = new H4("Deploying the result");
        Span summary = new Span(count(impact.changes().size(), "outcome changes", "outcomes change") + " · " + compared
                + " compared with release " + impact.deployedVersion());
        summary.addClassName("impact-summary");
        Span note = new Span("Against the deployed release: this change together with what mainline holds that "
                + impact.deployedVersion() + " does not.");
        note.addClassName("impact-note");
        impactArea.add(deployHeading, summary, note, outcomePictures(impact),
                impactGrid(impact.changes(), impact.deployedVersion(), "impact-grid",
                        "No scenario and no recent decision would come out differently."));
        impactArea.add(new H4("Where clinicians override the rules"), clinicianOverrides(impact.clinicianOverrides()));
    }

    /**
     * The pictures before the cases: level of care and IOP status matrices side by side, then the payer warnings the change
     * raises or clears, and the rules whose case counts move most.
     */
    static Component outcomePictures(Impact impact) {
        Div matrices = new Div(transitions(impact.transitions(), impact.deployedVersion()),
                transitions(impact.iopTransitions(), impact.deployedVersion(), "IOP status", "IOP"));
        matrices.addClassName("outcome-matrices");
        Div pictures = new Div(matrices);
        pictures.addClassName("outcome-pictures");
        if (!impact.warningChanges().isEmpty()) {
            Grid<Impact.WarningChange> warnings = new Grid<>();
            warnings.addClassName("warning-changes");
            warnings.addThemeVariants(GridVariant.LUMO_COMPACT);
            warnings.addColumn(Impact.WarningChange::warning).setHeader("Payer warning").setFlexGrow(2);
            warnings.addColumn(w -> w.raised() == 0 ? "" : "+" + w.raised()).setHeader("Raised for").setFlexGrow(1);
            warnings.addColumn(w -> w.cleared() == 0 ? "" : "−" + w.cleared()).setHeader("Cleared for").setFlexGrow(1);
            warnings.setItems(impact.warningChanges());
            warnings.setAllRowsVisible(true);
            pictures.add(new H4("Payer warnings (cases)"), warnings);
        }
        if (!impact.firingChanges().isEmpty()) {
            Grid<Impact.FiringChange> firing = new Grid<>();
            firing.addClassName("firing-changes");
            firing.addThemeVariants(GridVariant.LUMO_COMPACT);
            firing.addColumn(Impact.FiringChange::rule).setHeader("Rule").setFlexGrow(3);
            firing.addColumn(Impact.FiringChange::before).setHeader("Fires in, " + impact.deployedVersion()).setFlexGrow(1);
            firing.addColumn(Impact.FiringChange::after).setHeader("With this change").setFlexGrow(1);
            firing.addColumn(c -> (c.difference() > 0 ? "+" : "−") + Math.abs(c.difference())).setHeader("Change").setFlexGrow(1);
            firing.setItems(impact.firingChanges());
            firing.setAllRowsVisible(true);
            pictures.add(new H4("Rules whose firing changed most (cases)"), firing);
        }
        return pictures;
    }

    /** Per rule, how often clinicians overrode the CDS Hooks cards of decisions it fired in; the rules this change touches first. */
    private static Component clinicianOverrides(List<Impact.ClinicianOverrides> overrides) {
        if (overrides.isEmpty()) {
            Span none = new Span("No clinician feedback in the last " + ImpactAnalysis.OVERRIDE_WINDOW.toDays() + " days: EHRs send it "
                    + "when they show Careplace's placement as a CDS Hooks card.");
            none.addClassName("clinician-overrides-none");
            return none;
        }
        Grid<Impact.ClinicianOverrides> grid = new Grid<>();
        grid.addClassName("clinician-overrides");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Impact.ClinicianOverrides::rule).setHeader("Rule").setFlexGrow(3);
        grid.addColumn(o -> o.changedHere() ? "changed here" : "").setHeader("This change").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(o -> o.percent() + "% (" + o.overridden() + " of " + o.withFeedback() + ")").setHeader("Overridden")
                .setWidth("10rem").setFlexGrow(0);
        grid.addColumn(Impact.ClinicianOverrides::topReason).setHeader("Reason given most").setFlexGrow(2);
        grid.setPartNameGenerator(o -> o.changedHere() && o.overridden() > 0 ? "overridden-and-changed" : null);
        grid.setItems(overrides);
        grid.setAllRowsVisible(true);
        return grid;
    }

    /**
     * The level-of-care transition matrix: rows the deployed release's level, columns this change's, each cell
     * the number of cases, shaded by count; the diagonal is what stays. A plain HTML table: no chart library.
     */
    static Component transitions(Impact.Transitions transitions, String deployedVersion) {
        return transitions(transitions, deployedVersion, "Level of care", "level");
    }

    /** A transition matrix of {@code what} (level of care, IOP status), as {@link #transitions(Impact.Transitions, String)}. */
    static Component transitions(Impact.Transitions transitions, String deployedVersion, String what, String cellWord) {
        com.vaadin.flow.dom.Element table = new com.vaadin.flow.dom.Element("table");
        table.setAttribute("aria-label", what + " with " + deployedVersion + " (rows) and with this change (columns)");
        table.appendChild(cell("caption", what + " of each case: rows with release " + deployedVersion + ", columns with this "
                + "change. The diagonal stays where it was; red cells are cases that move."));
        com.vaadin.flow.dom.Element head = new com.vaadin.flow.dom.Element("tr");
        head.appendChild(cell("th", deployedVersion + " ↓ · this change →"));
        transitions.levels().forEach(level -> head.appendChild(cell("th", level)));
        table.appendChild(head);
        int largest = Math.max(1, transitions.largest());
        for (String before : transitions.levels()) {
            com.vaadin.flow.dom.Element row = new com.vaadin.flow.dom.Element("tr");
            row.appendChild(cell("th", before));
            for (String after : transitions.levels()) {
                int n = transitions.count(before, after);
                com.vaadin.flow.dom.Element td = cell("td", n == 0 ? "" : String.valueOf(n));
                // Shade by count: the diagonal (unchanged) in grey, moves in the error colour, so a move stands out
                if (n > 0) {
                    td.getStyle().set("background", "rgba(" + (before.equals(after) ? "26, 57, 96" : "229, 55, 74") + ", "
                            + String.format(java.util.Locale.ROOT, "%.2f", 0.08 + 0.5 * n / largest) + ")");
                }
                td.setAttribute("title", n + " case" + (n == 1 ? "" : "s") + ": " + cellWord + " " + before + " → " + after);
                if (!before.equals(after) && n > 0) {
                    td.getClassList().add("moved");
                }
                row.appendChild(td);
            }
            table.appendChild(row);
        }
        Div matrix = new Div();
        matrix.addClassName("level-transitions");
        matrix.getElement().appendChild(table);
        return matrix;
    }

    private static com.vaadin.flow.dom.Element cell(String tag, String text) {
        com.vaadin.flow.dom.Element cell = new com.vaadin.flow.dom.Element(tag);
        cell.setText(text);
        return cell;
    }

    private Grid<Impact.ChangedCase> impactGrid(List<Impact.ChangedCase> cases, String before, String className, String empty) {
        Grid<Impact.ChangedCase> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName(className);
        grid.addColumn(Impact.ChangedCase::source).setHeader("From").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(Impact.ChangedCase::label).setHeader("Case").setFlexGrow(2);
        grid.addColumn(c -> describe(c.before())).setHeader("Before (" + before + ")").setFlexGrow(3);
        grid.addColumn(c -> describe(c.after())).setHeader("After (this change)").setFlexGrow(3);
        grid.addComponentColumn(this::offerButton).setHeader("").setKey("offer").setWidth("4rem").setFlexGrow(0);
        grid.setItems(cases);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(empty);
        return grid;
    }

    /**
     * Cases brought for this review (a payer's population before its contract starts, when there is no log):
     * uploaded or pasted as CSV or NDJSON, decided like the impact, with the lines that did not read named.
     */
    /**
     * The whole log in a window, not only the latest decisions: pages replayed in the background with a progress bar, an
     * estimate of the time left and a cancel; then the same pictures and lists as above.
     */
    private Component replayArea() {
        VerticalLayout area = new VerticalLayout();
        area.setPadding(false);
        area.addClassName("log-replay");
        com.vaadin.flow.component.select.Select<Integer> window = new com.vaadin.flow.component.select.Select<>();
        window.setLabel("Decisions of the last");
        window.setItems(7, 30, 90, 365);
        window.setItemLabelGenerator(days -> days + " days");
        window.setValue(90);
        Button start = new Button("Replay", VaadinIcon.PLAY.create());
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", VaadinIcon.CLOSE_SMALL.create());
        cancel.setVisible(false);
        ProgressBar bar = new ProgressBar();
        bar.setWidth("16rem");
        bar.setVisible(false);
        Span status = new Span();
        status.addClassName("replay-status");
        HorizontalLayout controls = new HorizontalLayout(window, start, cancel, bar, status);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        VerticalLayout result = new VerticalLayout();
        result.setPadding(false);
        Span explain = new Span("Every logged decision in the window, through the deployed release, mainline and this change, "
                + "page by page; the pictures count every case, the lists keep the first " + String.format("%,d", ImpactAnalysis.REPLAY_CASES_KEPT) + ".");
        explain.addClassName("replay-note");
        area.add(explain, controls, result);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        cancel.addClickListener(e -> {
            stop.set(true);
            cancel.setEnabled(false);
            status.setText(status.getText() + " · cancelling after this page…");
        });
        start.addClickListener(e -> {
            UI ui = UI.getCurrent();
            stop.set(false);
            start.setEnabled(false);
            cancel.setVisible(true);
            cancel.setEnabled(true);
            bar.setVisible(true);
            bar.setValue(0);
            status.setText("Counting the decisions…");
            result.removeAll();
            long began = System.nanoTime();
            ImpactAnalysis.ReplayProgress progress = new ImpactAnalysis.ReplayProgress() {
                @Override
                public void replayed(long done, long total) {
                    double seconds = (System.nanoTime() - began) / 1e9;
                    long left = done == 0 ? -1 : Math.round(seconds * (total - done) / done);
                    ui.access(() -> {
                        bar.setValue(total == 0 ? 1 : Math.min(1, (double) done / total));
                        status.setText(String.format("%,d of %,d decisions", done, total) + (left < 0 || done >= total ? "" : " · about "
                                + (left < 90 ? left + " s" : Math.round(left / 60.0) + " min") + " left"));
                    });
                }

                @Override
                public boolean cancelled() {
                    return stop.get();
                }
            };
            Background.run(ui, () -> impactAnalysis.replay(request.id(), java.time.Duration.ofDays(window.getValue()), progress, me), replay -> {
                start.setEnabled(true);
                cancel.setVisible(false);
                bar.setVisible(false);
                status.setText(String.format("%s%,d of %,d decisions of the last %d days replayed in %.1f s", replay.cancelled() ? "Cancelled: " : "",
                        replay.replayed(), replay.inWindow(), window.getValue(), replay.took().toMillis() / 1000.0));
                Impact impact = replay.impact();
                Span summary = new Span(count(replay.ownChanged(), "outcome changes", "outcomes change") + " against mainline, "
                        + count(replay.changed(), "outcome changes", "outcomes change") + " against release " + impact.deployedVersion()
                        + (Math.max(replay.changed(), replay.ownChanged()) > ImpactAnalysis.REPLAY_CASES_KEPT ? " (the lists show the first "
                        + String.format("%,d", ImpactAnalysis.REPLAY_CASES_KEPT) + ")" : ""));
                summary.addClassName("replay-summary");
                Anchor download = Downloads.of(new Button("Download changed cases (CSV)", VaadinIcon.DOWNLOAD.create()),
                        "replay-" + request.id() + ".csv", "text/csv", () -> impactAnalysis.changedCasesCsv(request.id(), impact, me));
                result.add(summary, download, outcomePictures(impact),
                        new H4("This change against mainline"), impactGrid(impact.ownChanges(), "mainline", "replay-own",
                                "No decision in the window comes out differently with this change."),
                        new H4("Against release " + impact.deployedVersion()), impactGrid(impact.changes(), impact.deployedVersion(), "replay-deployed",
                                "No decision in the window would come out differently."));
            }, error -> {
                start.setEnabled(true);
                cancel.setVisible(false);
                bar.setVisible(false);
                status.setText("The replay could not run: " + error.getMessage());
            });
        });
        return area;
    }

    private Component whatIfArea() {
        VerticalLayout area = new VerticalLayout();
        area.setPadding(false);
        area.addClassName("what-if");
        TextArea pasted = new TextArea("Cases (CSV with a header row, or one JSON request per line)");
        pasted.setWidthFull();
        pasted.setMaxHeight("12rem");
        pasted.setMaxLength(5 * 1024 * 1024);
        pasted.setPlaceholder("age,diagnoses,d1,d2,d3,d4,d5,d6,availableHoursPerWeek,payer\n34,F10.20,1,0,2,1,2,1,12,COMMERCIAL");
        VerticalLayout result = new VerticalLayout();
        result.setPadding(false);
        UI ui = UI.getCurrent();
        Upload upload = new Upload();
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> {
            pasted.setValue(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            upload.clearFileList();
        })));
        upload.setAcceptedFileTypes(".csv", ".ndjson", ".jsonl", "text/csv", "application/x-ndjson");
        upload.setMaxFileSize(5 * 1024 * 1024);
        upload.addFileRejectedListener(e -> Notifications.refused("Not read: " + e.getErrorMessage()));
        upload.setUploadButton(new Button("Upload a file…", VaadinIcon.UPLOAD.create()));
        upload.setDropAllowed(false);
        Button run = new Button("Run these cases", VaadinIcon.PLAY.create(), e -> runWhatIf(pasted.getValue(), result));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(upload, run);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        area.add(new Paragraph("Decided by this change, by mainline and by the deployed release, as the impact above; nothing is "
                + "logged or kept."), pasted, actions, result);
        return area;
    }

    private void runWhatIf(String text, VerticalLayout result) {
        result.removeAll();
        WhatIfBatch batch;
        try {
            // Read with the change's vocabulary: a payer it adds is a payer its cases may name
            batch = WhatIfBatch.read(text, com.careplace.workbench.rules.RuleAsset.vocabulary(changes.ruleAssets(request.id())));
        } catch (IllegalArgumentException e) {
            result.add(new Span(e.getMessage()));
            return;
        }
        if (!batch.invalid().isEmpty()) {
            Div invalid = new Div(new Span(batch.invalid().size() + " problem" + (batch.invalid().size() == 1 ? "" : "s")
                    + " in the cases (those lines are left out; every other case is run):"));
            invalid.addClassName("what-if-invalid");
            batch.invalid().forEach(problem -> invalid.add(new Div(problem)));
            result.add(invalid);
        }
        if (batch.cases().isEmpty()) {
            result.add(new Span("No case to run."));
            return;
        }
        ProgressBar running = new ProgressBar();
        running.setIndeterminate(true);
        result.add(running);
        WhatIfBatch cases = batch;
        Background.run(UI.getCurrent(), () -> impactAnalysis.whatIf(request.id(), cases, me), impact -> {
            result.remove(running);
            Span summary = new Span(count(impact.casesCompared(), "case", "cases") + ": " + count(impact.ownChanges().size(),
                    "outcome changes", "outcomes change") + " against mainline, " + count(impact.changes().size(), "outcome changes",
                    "outcomes change") + " against release " + impact.deployedVersion());
            summary.addClassName("what-if-summary");
            Anchor download = Downloads.of(new Button("Download the changed cases (CSV)", VaadinIcon.DOWNLOAD.create()),
                    "what-if-" + request.id() + ".csv", "text/csv", () -> impactAnalysis.changedCasesCsv(request.id(), impact, me));
            result.add(summary, download, outcomePictures(impact),
                    new H4("This change against mainline"), impactGrid(impact.ownChanges(), "mainline", "what-if-own",
                            "Mainline and this change decide every case alike."),
                    new H4("Against release " + impact.deployedVersion()), impactGrid(impact.changes(),
                            impact.deployedVersion(), "what-if-deployed", "The deployed release decides every case alike."));
        }, e -> {
            result.remove(running);
            result.add(new Span("The cases could not be run: " + e.getMessage()));
        });
    }

    /** For a logged case: offer it to the author as a regression scenario (they cannot read the decision log). */
    private Component offerButton(Impact.ChangedCase changed) {
        if (!changed.offerable()) {
            return new Span();
        }
        Button offer = new Button(VaadinIcon.CLIPBOARD_CHECK.create(), e -> OfferCaseDialog.open(
                "Decision " + changed.offer().decisionId() + ", whose outcome this change alters",
                List.of(EXPECT_BEFORE, EXPECT_AFTER, EXPECT_AUTHOR), (name, note, expectation) -> {
                    impactAnalysis.offer(request.id(), changed.offer(), name, note, switch (expectation) {
                        case EXPECT_BEFORE -> ImpactAnalysis.Expectation.DEPLOYED;
                        case EXPECT_AFTER -> ImpactAnalysis.Expectation.PROPOSED;
                        default -> ImpactAnalysis.Expectation.AUTHOR_DECIDES;
                    }, me);
                    return "Offered to " + request.author() + " as '" + name.strip() + "'";
                }));
        offer.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        offer.setAriaLabel("Offer decision " + changed.offer().decisionId() + " as a test case");
        offer.setTooltipText("Offer this case to the author, de-identified, as a regression scenario");
        return offer;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String describe(Outcome outcome) {
        if (outcome.undecided()) {
            return outcome.iopStatus();
        }
        String text = "level " + outcome.level() + " · IOP " + outcome.iopStatus();
        if (!outcome.reasons().isEmpty()) {
            text += " (" + String.join(", ", outcome.reasons()) + ")";
        }
        if (!outcome.requirements().isEmpty()) {
            text += " · payer " + String.join(", ", outcome.requirements());
        }
        if (!outcome.warnings().isEmpty()) {
            text += " · warnings " + String.join(", ", outcome.warnings());
        }
        return text;
    }

    private void approve() {
        approve.setEnabled(false);
        reject.setEnabled(false);
        Background.run(UI.getCurrent(), () -> review.approve(request.id(), me, comment.getValue(), bump.getValue(), seen),
                (ApprovedRelease approved) -> {
                    Notifications.done("Approved: release " + approved.release().version() + " built and stored. Deploy it from Releases.");
                    // By route name: the release module builds on this one, not the other way round.
                    getUI().ifPresent(ui -> ui.navigate("releases"));
                }, this::refused);
    }

    private void reject() {
        if (comment.getValue().isBlank()) {
            comment.setErrorMessage("Say what the author must change");
            comment.setInvalid(true);
            return;
        }
        try {
            review.reject(request.id(), me, comment.getValue(), seen);
            Notifications.done("Sent back to " + request.author());
            getUI().ifPresent(ui -> ui.navigate(ReviewsView.class));
        } catch (ChangedSinceSeenException e) {
            showCurrentState(e);
        } catch (FourEyesException | IllegalStateException | IllegalArgumentException e) {
            Notifications.refused(e.getMessage());
        }
    }

    /** The change request moved on under the reviewer: say so, and show what it is now. */
    private void showCurrentState(ChangedSinceSeenException e) {
        Notifications.refused(e.getMessage());
        request = changes.changeRequest(request.id());
        build();
    }

    private void refused(Throwable error) {
        if (error instanceof ChangedSinceSeenException changed) {
            showCurrentState(changed);
            return;
        }
        boolean decidable = request.status() == ChangeRequest.Status.SUBMITTED && review.mayReview(request.id(), me);
        approve.setEnabled(decidable);
        reject.setEnabled(decidable);
        if (error instanceof SubmissionRefusedException refusal) {
            Notifications.refused("No release built: " + String.join("; ", refusal.reasons()));
        } else if (error instanceof FourEyesException || error instanceof IllegalStateException || error instanceof IllegalArgumentException) {
            Notifications.refused(error.getMessage());
        } else {
            Notifications.refused("Approval failed: " + error.getClass().getSimpleName() + "; nothing was changed");
        }
    }
}

package com.careplace.workbench.release.ui;

import com.careplace.workbench.release.DecisionTrace;
import com.careplace.workbench.release.DecisionTracing;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.base.ui.OfferCaseDialog;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** From a logged decision to the release, the rules that fired, and the change requests and approvers behind them. */
@Route("decisions")
@PageTitle("Decision trace · Careplace")
@Menu(order = 4, title = "Decision trace", icon = "SITEMAP")
@RolesAllowed({"REVIEWER", "ADMIN", "DEPLOYER"})
public class DecisionsView extends VerticalLayout implements com.vaadin.flow.router.BeforeEnterObserver {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());

    private final DecisionTracing tracing;
    private final String me;
    private final VerticalLayout traceArea = new VerticalLayout();

    public DecisionsView(DecisionTracing tracing, AuthenticationContext authentication) {
        this.me = authentication.getPrincipalName().orElseThrow();
        this.tracing = tracing;
        setSizeFull();
        Grid<DecisionTrace.LoggedDecision> recent = new Grid<>();
        recent.addThemeVariants(GridVariant.LUMO_COMPACT);
        recent.addColumn(DecisionTrace.LoggedDecision::id).setHeader("Decision").setWidth("6rem").setFlexGrow(0);
        recent.addColumn(d -> WHEN.format(d.decidedAt())).setHeader("When").setAutoWidth(true);
        recent.addColumn(DecisionTrace.LoggedDecision::caller).setHeader("Caller").setAutoWidth(true);
        recent.addColumn(DecisionTrace.LoggedDecision::releaseVersion).setHeader("Release").setAutoWidth(true);
        recent.addColumn(DecisionTrace.LoggedDecision::level).setHeader("Level").setAutoWidth(true);
        recent.setItems(tracing.recent(200, me));
        recent.addItemClickListener(e -> show(e.getItem().id()));
        recent.setSizeFull();
        recent.setEmptyStateText("No decisions logged yet.");
        IntegerField id = new IntegerField();
        id.setPlaceholder("decision id");
        Button trace = new Button("Trace", e -> {
            if (id.getValue() != null) {
                show(id.getValue());
            }
        });
        VerticalLayout left = new VerticalLayout(new HorizontalLayout(id, trace), recent);
        left.setSizeFull();
        left.setPadding(false);
        traceArea.add(new Paragraph("Pick a decision to see which release decided it, which rules fired, and who changed and approved them."));
        SplitLayout split = new SplitLayout(left, traceArea);
        split.setSplitterPosition(40);
        split.setSizeFull();
        add(new H2("Decision trace"), split);
        setFlexGrow(1, split);
    }

    /** {@code ?decision=<uuid>}: the link on a CDS Hooks card opens that decision's trace. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("decision").ifPresent(card -> {
            try {
                show(tracing.logId(java.util.UUID.fromString(card)));
            } catch (IllegalArgumentException notAUuid) {
                Notifications.refused("'" + card + "' is not a decision id from a card");
            } catch (NoSuchElementException missing) {
                Notifications.refused(missing.getMessage());
            }
        });
    }

    private void show(long decisionId) {
        try {
            DecisionTrace trace = tracing.trace(decisionId, me);
            traceArea.removeAll();
            Button offer = new Button("Offer as a test case…", VaadinIcon.CLIPBOARD_CHECK.create(), e -> OfferCaseDialog.open(
                    "Decision " + decisionId + " (level " + trace.level() + ", IOP " + trace.iopStatus() + ")",
                    List.of("What release " + trace.releaseVersion() + " decided"), (name, note, expectation) -> {
                        tracing.offerAsScenario(decisionId, name, note, me);
                        return "Offered to authors as '" + name.strip() + "'. They add it from a scenario suite's \"From an offered case…\".";
                    }));
            offer.addThemeVariants(ButtonVariant.LUMO_SMALL);
            offer.setTooltipText("Authors cannot read the decision log: offer them this case, de-identified, to keep as a regression scenario");
            HorizontalLayout heading = new HorizontalLayout(new H3("Decision " + trace.decisionId()), offer);
            heading.setAlignItems(Alignment.BASELINE);
            traceArea.add(heading, new Paragraph("Decided " + WHEN.format(trace.decidedAt()) + " for "
                    + trace.caller() + " by release " + trace.releaseVersion() + ": level " + trace.level() + ", IOP " + trace.iopStatus()));
            if (!trace.feedback().isEmpty()) {
                // What the clinician did with the CDS Hooks card: where they disagree with the rules, reviewers see it here
                Div clinicians = new Div(new H4("What the clinician did (CDS Hooks card)"));
                clinicians.addClassName("clinician-feedback");
                trace.feedback().forEach(f -> clinicians.add(new Paragraph(WHEN.format(f.at()) + ": " + (f.overridden() ? "overridden" : "accepted")
                        + (f.reason().isEmpty() ? "" : " — " + f.reason()) + (f.comment().isEmpty() ? "" : ". Comment: “" + f.comment() + "”"))));
                traceArea.add(clinicians);
            }
            for (DecisionTrace.FiredRule rule : trace.rules()) {
                Div block = new Div();
                block.addClassName("fired-rule");
                Span name = new Span(rule.name());
                name.addClassName("rule-name");
                Span where = new Span(rule.asset().isEmpty() ? "" : " — " + rule.asset());
                where.addClassName("asset-kind");
                block.add(new Div(name, where));
                block.add(new Span(rule.shapedBy().isEmpty() ? "Unchanged since the 1.0.0 baseline."
                        : "Changed by: " + rule.shapedBy().stream().map(s -> "'" + s.title() + "' (" + s.author() + ", approved by "
                        + s.approvedBy() + ", release " + s.releaseVersion() + ")").collect(Collectors.joining("; "))));
                Pre source = new Pre(rule.source());
                source.addClassName("diff");
                block.add(source);
                traceArea.add(block);
            }
        } catch (NoSuchElementException missing) {
            Notifications.refused(missing.getMessage());
        }
    }
}

package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.ReviewerComments;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;


/** The authors' start page: every change request, and opening a new one. */
@Route("")
@PageTitle("Change requests · Careplace")
@Menu(order = 1, title = "Change requests", icon = "EDIT")
@RolesAllowed({"AUTHOR", "REVIEWER"})
public class ChangeRequestsView extends VerticalLayout {


    private final ChangeRequestService changes;
    private final String me;

    public ChangeRequestsView(ChangeRequestService changes, ReviewerComments reviewerComments, AuthenticationContext authentication) {
        this.changes = changes;
        this.me = authentication.getPrincipalName().orElseThrow();
        setSizeFull();
        Button open = new Button("New change request", VaadinIcon.PLUS.create(), e -> openDialog());
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.setVisible(authentication.hasRole("AUTHOR"));
        HorizontalLayout top = new HorizontalLayout(new H2("Change requests"), open);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.setWidthFull();
        top.expand(top.getComponentAt(0));

        List<ChangeRequest> requests = changes.changeRequests();
        Map<String, ReviewerComments.SentBack> sentBack = reviewerComments.sentBack(requests);
        Grid<ChangeRequest> grid = new Grid<>();
        grid.addColumn(ChangeRequest::title).setHeader("Title").setFlexGrow(3);
        grid.addComponentColumn(c -> status(c, sentBack.containsKey(c.id()))).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ChangeRequest::author).setHeader("Author").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> Downloads.WHEN.format(c.createdAt())).setHeader("Opened").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> sentBack.containsKey(c.id()) ? sentBack.get(c.id()).reviewer() + ": " + sentBack.get(c.id()).comment() : "").setHeader("Reviewer's comment").setFlexGrow(2);
        grid.addItemClickListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(ChangeRequestView.class, e.getItem().id())));
        grid.setItems(requests);
        grid.setSizeFull();
        Paragraph help = new Paragraph("A change request holds edits to rules and scenario suites, apart from mainline and from other "
                + "change requests, until a reviewer approves it into a release.");
        help.addClassName("help");
        add(top, help);
        if (requests.isEmpty()) {
            // A first visit says what to do next instead of showing an empty grid.
            Div empty = new Div(new Paragraph(authentication.hasRole("AUTHOR")
                    ? "No change requests yet. To change a rule, a table or a scenario, click New change request, give it a title "
                    + "and the reason (a payer bulletin, a clinical source), and edit the rules in it. Nothing reaches the "
                    + "decision service until a reviewer approves it and a deployer deploys it."
                    : "No change requests yet. When an author submits one, it appears here and under Reviews."));
            empty.addClassName("empty-state");
            add(empty);
        } else {
            add(grid);
        }
    }

    static Span status(ChangeRequest request, boolean sentBack) {
        String label = sentBack ? "sent back" : request.status().name().toLowerCase();
        Span badge = new Span(label);
        badge.getElement().getThemeList().add("badge " + switch (request.status()) {
            case OPEN -> sentBack ? "error" : "";
            case SUBMITTED -> "contrast";
            case APPROVED -> "success";
            case REJECTED -> "error";
            case WITHDRAWN -> "contrast";
        });
        return badge;
    }

    private void openDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New change request");
        TextField title = new TextField("Title");
        title.setPlaceholder("e.g. TRICARE minimum raised to 7 hours");
        title.setWidth("32rem");
        title.setMaxLength(200);
        TextArea rationale = new TextArea("Rationale");
        rationale.setPlaceholder("Why: clinical source, payer bulletin, policy decision");
        rationale.setWidth("32rem");
        rationale.setMinHeight("8rem");
        Button create = new Button("Open", e -> {
            try {
                ChangeRequest request = changes.open(title.getValue(), rationale.getValue(), me);
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(ChangeRequestView.class, request.id()));
            } catch (IllegalArgumentException refused) {
                TextField field = refused.getMessage().startsWith("title") ? title : null;
                if (field != null) {
                    title.setErrorMessage(refused.getMessage());
                    title.setInvalid(true);
                } else {
                    rationale.setErrorMessage(refused.getMessage());
                    rationale.setInvalid(true);
                }
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(title, rationale));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }
}

package com.careplace.workbench.review.ui;

import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;


/** Compliance staff's queue: change requests submitted for review. */
@Route("reviews")
@PageTitle("Reviews · Careplace")
@Menu(order = 2, title = "Reviews", icon = "CHECK_SQUARE_O")
@RolesAllowed("REVIEWER")
public class ReviewsView extends VerticalLayout {


    public ReviewsView(ChangeRequestService changes) {
        setSizeFull();
        Grid<ChangeRequest> grid = new Grid<>();
        // A real link: it opens in a new tab too, and works from the keyboard.
        grid.addComponentColumn(c -> new RouterLink(c.title(), ReviewView.class, c.id())).setHeader("Waiting for review").setFlexGrow(3);
        grid.addColumn(ChangeRequest::author).setHeader("Author").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> Downloads.WHEN.format(c.createdAt())).setHeader("Opened").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ChangeRequest::rationale).setHeader("Rationale").setFlexGrow(3);
        grid.setItems(changes.changeRequests().stream().filter(c -> c.status() == ChangeRequest.Status.SUBMITTED).toList());
        grid.addItemClickListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(ReviewView.class, e.getItem().id())));
        grid.setSizeFull();
        grid.setEmptyStateText("Nothing is waiting for review.");
        Paragraph help = new Paragraph("Open one to see exactly what it changes and what that does to outcomes, then approve or reject it.");
        help.addClassName("help");
        add(new H2("Reviews"), help, grid);
    }
}

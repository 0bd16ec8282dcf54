package com.careplace.workbench.release.ui;

import com.careplace.decision.release.ReleaseVersion;

import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.release.Deployments;
import com.careplace.workbench.release.ReleaseEntry;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every release: how it came to be, which one is active since when and by whom; deploy or roll back
 * (deployers only), download its kjar and sources.
 */
@Route("releases")
@PageTitle("Releases · Careplace")
@Menu(order = 3, title = "Releases", icon = "PACKAGE")
@PermitAll
public class ReleasesView extends VerticalLayout {


    private final Deployments deployments;
    private final String me;
    private final boolean deployer;
    private final Grid<ReleaseEntry> grid = new Grid<>();
    private final Div refusal = new Div();

    public ReleasesView(Deployments deployments, AuthenticationContext authentication) {
        this.deployments = deployments;
        this.me = authentication.getPrincipalName().orElseThrow();
        this.deployer = authentication.hasRole("DEPLOYER");
        setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(this::version).setHeader("Release").setWidth("9rem").setFlexGrow(0);
        grid.addColumn(ReleaseEntry::changeRequestTitle).setHeader("Built from").setFlexGrow(3);
        grid.addColumn(r -> r.builtBy() + ", " + Downloads.WHEN.format(r.builtAt())).setHeader("Approved").setWidth("13rem").setFlexGrow(0);
        grid.addColumn(r -> r.deployedAt() == null ? "never deployed"
                : (r.active() ? "active since " : "last deployed ") + Downloads.WHEN.format(r.deployedAt()) + " by " + r.deployedBy())
                .setHeader("Deployment").setFlexGrow(2);
        grid.addComponentColumn(this::scenarios).setHeader("Scenarios").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        Paragraph help = new Paragraph(deployer
                ? "Deploying makes a release decide every request on every decision-service node. Deploying an older one is a rollback."
                : "Deploying and rolling back need the Deployer role.");
        help.addClassName("help");
        refusal.addClassName("node-refusal");
        add(new H2("Releases"), help, refusal, grid);
        refresh();
    }

    private Component version(ReleaseEntry release) {
        Div cell = new Div(new Span(release.version()));
        if (release.active()) {
            Span active = new Span("active");
            active.getElement().getThemeList().add("badge success small");
            active.addClassName("active-badge");
            cell.add(new Span(" "), active);
        }
        if (release.integrityProblem() != null) {
            // No node loads it: say so where the release is named, with why on hover and below.
            Span refused = new Span("refused by nodes");
            refused.getElement().getThemeList().add("badge error small");
            refused.addClassName("integrity-badge");
            refused.getElement().setAttribute("title", release.integrityProblem());
            cell.add(new Span(" "), refused);
        }
        Span checksum = new Span("sha256 " + release.checksum().substring(0, 12) + "…");
        checksum.addClassName("asset-kind");
        checksum.getElement().setAttribute("title", release.checksum());
        cell.add(new Div(checksum));
        return cell;
    }

    /** The totals in the row; every suite's line on hover, so one release does not fill the screen. */
    private Component scenarios(ReleaseEntry release) {
        Span totals = new Span(release.scenarioTotals().isEmpty() ? "bundled release, checked by its build" : release.scenarioTotals());
        totals.getElement().setAttribute("title", release.scenarioReport().strip());
        return totals;
    }

    private Component actions(ReleaseEntry release) {
        HorizontalLayout actions = new HorizontalLayout();
        if (deployer && !release.active() && release.integrityProblem() == null) {
            Button deploy = new Button(isRollback(release) ? "Roll back to " + release.version() : "Deploy " + release.version(),
                    e -> confirmDeploy(release));
            deploy.addThemeVariants(ButtonVariant.LUMO_SMALL, isRollback(release) ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
            actions.add(deploy);
        }
        actions.add(download(release.version(), "kjar", "careplace-rules-" + release.version() + ".jar", "application/java-archive",
                        version -> deployments.kjar(version, me)),
                download(release.version(), "sources", "careplace-rules-" + release.version() + "-sources.zip", "application/zip",
                        version -> deployments.sources(version, me)));
        return actions;
    }

    private boolean isRollback(ReleaseEntry release) {
        return grid.getListDataView().getItems().filter(ReleaseEntry::active).findFirst()
                .map(active -> ReleaseVersion.parse(release.version()).isBefore(ReleaseVersion.parse(active.version())))
                .orElse(false);
    }

    private Anchor download(String version, String label, String fileName, String type, Function<String, byte[]> content) {
        return Downloads.of(new Span(label), fileName, type, () -> content.apply(version));
    }

    private void confirmDeploy(ReleaseEntry release) {
        boolean rollback = isRollback(release);
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader((rollback ? "Roll back to " : "Deploy ") + release.version() + "?");
        confirm.setText("From now on release " + release.version() + " (" + release.changeRequestTitle()
                + ") decides every placement request. This is recorded in the audit trail.");
        confirm.setCancelable(true);
        confirm.setConfirmText(rollback ? "Roll back" : "Deploy");
        confirm.addConfirmListener(e -> {
            try {
                deployments.deploy(release.version(), me);
                Notifications.done("Release " + release.version() + " is active");
            } catch (IllegalStateException | IllegalArgumentException refused) {
                Notifications.refused(refused.getMessage());
            }
            refresh();
        });
        confirm.open();
    }

    private void refresh() {
        List<ReleaseEntry> catalog = deployments.catalog();
        grid.setItems(catalog);
        Optional<String> refused = deployments.refusal();
        refusal.removeAll();
        refused.ifPresent(why -> refusal.add(new Div(new Span("This node refused the newest deployment and still serves release "
                + catalog.stream().filter(ReleaseEntry::active).map(ReleaseEntry::version).findFirst().orElse("none") + ": " + why))));
        catalog.stream().filter(r -> r.integrityProblem() != null).forEach(r -> refusal.add(new Div(new Span(r.integrityProblem()))));
        refusal.setVisible(refusal.getComponentCount() > 0);
    }
}

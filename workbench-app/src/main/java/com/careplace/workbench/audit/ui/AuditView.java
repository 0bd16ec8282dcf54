package com.careplace.workbench.audit.ui;

import com.careplace.workbench.audit.AuditEntry;
import com.careplace.workbench.audit.AuditQuery;
import com.careplace.workbench.audit.AuditCheckpoint;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.base.ui.Notifications;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.careplace.workbench.audit.ChainCheck;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The audit trail: filter by actor, action, subject and time; verify the hash chain; export what is shown as CSV. */
@Route("audit")
@PageTitle("Audit trail · Careplace")
@Menu(order = 6, title = "Audit trail", icon = "RECORDS")
@RolesAllowed({"REVIEWER", "ADMIN"})
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());

    private final AuditTrail audit;
    private final TextField actor = new TextField("Actor");
    private final TextField action = new TextField("Action");
    private final TextField subject = new TextField("Asset or subject contains");
    private final DateTimePicker from = new DateTimePicker("From");
    private final DateTimePicker to = new DateTimePicker("Before");
    private final Grid<AuditEntry> grid = new Grid<>();
    private final Span chain = new Span();

    public AuditView(AuditTrail audit, AuthenticationContext authentication) {
        this.audit = audit;
        String me = authentication.getPrincipalName().orElseThrow();
        setSizeFull();
        action.setPlaceholder("e.g. release.deploy");
        Button apply = new Button("Filter", VaadinIcon.FILTER.create(), e -> refresh());
        Anchor export = Downloads.of(new Button("Export CSV", VaadinIcon.DOWNLOAD.create()), "careplace-audit.csv", "text/csv",
                () -> audit.exportCsv(query(), me).getBytes(StandardCharsets.UTF_8));
        Button verify = new Button("Verify chain", VaadinIcon.LINK.create(), e -> showChain(audit.verify()));
        HorizontalLayout filters = new HorizontalLayout(actor, action, subject, from, to, apply, export, verify);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(AuditEntry::seq).setHeader("#").setWidth("5rem").setFlexGrow(0);
        grid.addColumn(e -> WHEN.format(e.at())).setHeader("When").setWidth("11rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Actor").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::action).setHeader("Action").setWidth("13rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::subject).setHeader("Subject").setFlexGrow(1);
        grid.addColumn(AuditEntry::detail).setHeader("What").setFlexGrow(2);
        grid.setSizeFull();
        chain.addClassName("chain-check");
        add(new H2("Audit trail"), filters, chain, checkpoints(me), grid);
        refresh();
        showChain(audit.verify());
    }

    /**
     * Signed checkpoints: an auditor downloads one and keeps it outside Careplace; uploading it later
     * shows whether the trail up to it is still the same.
     */
    private HorizontalLayout checkpoints(String me) {
        Anchor take = Downloads.of(new Button("Download signed checkpoint", VaadinIcon.DIPLOMA.create()),
                "careplace-audit-checkpoint.txt", "text/plain", () -> audit.checkpoint(me).toText().getBytes(StandardCharsets.UTF_8));
        UI ui = UI.getCurrent();
        Upload upload = new Upload();
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> {
            try {
                AuditCheckpoint checkpoint = AuditCheckpoint.parse(new String(bytes, StandardCharsets.UTF_8));
                ChainCheck check = audit.verifyAgainst(checkpoint, me);
                chain.setText(check.intact() ? "Checkpoint holds: the " + checkpoint.entries() + " entries up to "
                        + WHEN.format(checkpoint.at()) + " are unchanged, and the chain is intact (" + check.entries() + " entries)"
                        : "Checkpoint does NOT hold: " + check.reason());
                chain.getElement().getThemeList().clear();
                chain.getElement().getThemeList().add("badge " + (check.intact() ? "success" : "error"));
                refresh();
            } catch (IllegalArgumentException e) {
                Notifications.refused(metadata.fileName() + ": " + e.getMessage());
            }
            upload.clearFileList(); // ready for the next checkpoint
        })));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(64 * 1024);
        upload.setUploadButton(new Button("Verify a checkpoint…", VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span("or drop a checkpoint file here"));
        upload.addClassName("checkpoint-upload");
        HorizontalLayout row = new HorizontalLayout(take, upload);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.setWrap(true);
        return row;
    }

    private AuditQuery query() {
        return new AuditQuery(blankToNull(actor.getValue()), blankToNull(action.getValue()), blankToNull(subject.getValue()),
                from.getValue() == null ? null : from.getValue().atZone(ZoneId.systemDefault()).toInstant(),
                to.getValue() == null ? null : to.getValue().atZone(ZoneId.systemDefault()).toInstant());
    }

    private void refresh() {
        grid.setItems(audit.find(query()).reversed());
    }

    private void showChain(ChainCheck check) {
        chain.setText(check.intact() ? "Chain intact: " + check.entries() + " entries, each linked to the one before by its hash"
                : "Chain BROKEN at entry " + check.brokenAt() + ": " + check.reason());
        chain.getElement().getThemeList().clear();
        chain.getElement().getThemeList().add("badge " + (check.intact() ? "success" : "error"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

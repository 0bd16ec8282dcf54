package com.careplace.workbench.account.ui;

import com.careplace.workbench.account.CallerKeys;
import com.careplace.workbench.account.OneTimePassword;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.account.UserAccount;
import com.careplace.workbench.account.UserAccounts;

import com.careplace.decision.apikey.ApiKeys;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Administrators: users and their roles, one-time passwords, and the API keys of calling systems. */
@Route("admin/users")
@PageTitle("Users and API keys · Careplace")
@Menu(order = 5, title = "Users and API keys", icon = "USERS")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {


    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final UserAccounts accounts;
    private final CallerKeys keys;
    private final String me;
    private final Grid<UserAccount> users = new Grid<>();
    private final Grid<ApiKeys.KeyInfo> apiKeys = new Grid<>();

    public UsersView(UserAccounts accounts, CallerKeys keys, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.keys = keys;
        this.me = authentication.getPrincipalName().orElseThrow();
        setSizeFull();

        // Four columns, the text ones wrapping, so that the actions stay in view on a small screen (1024 px).
        users.addComponentColumn(UsersView::user).setHeader("User").setWidth("11rem").setFlexGrow(1);
        users.addComponentColumn(a -> new Span(a.roles().stream().sorted().map(Role::label).collect(Collectors.joining(", "))))
                .setHeader("Roles").setWidth("8rem").setFlexGrow(1);
        users.addComponentColumn(UsersView::status).setHeader("Status").setKey("status").setWidth("8rem").setFlexGrow(1);
        users.addComponentColumn(this::userActions).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        users.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        users.setId("users");
        users.setAllRowsVisible(true);
        Button newUser = new Button("New user", e -> editRoles(null));
        newUser.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        apiKeys.addColumn(ApiKeys.KeyInfo::caller).setHeader("Calling system").setAutoWidth(true);
        apiKeys.addColumn(k -> Downloads.WHEN.format(k.createdAt())).setHeader("Issued").setAutoWidth(true);
        apiKeys.addColumn(k -> k.revokedAt() == null ? "active" : "revoked " + Downloads.WHEN.format(k.revokedAt())).setHeader("Status").setFlexGrow(1);
        apiKeys.addComponentColumn(k -> k.revokedAt() != null ? new Span() : new Button("Revoke", e -> {
            int revoked = keys.revoke(k.caller(), me);
            Notifications.done(revoked + " key(s) of " + k.caller() + " revoked");
            refresh();
        })).setAutoWidth(true);
        apiKeys.setAllRowsVisible(true);
        TextField caller = new TextField();
        caller.setPlaceholder("calling system, e.g. intake-portal");
        caller.setWidth("22rem");
        Button issue = new Button("Issue key", e -> {
            try {
                ApiKeys.IssuedKey key = keys.issue(caller.getValue(), me);
                showOnce("API key for " + key.caller(), key.key(),
                        "Give it to the calling system's operator now. Only its hash is stored; it is not shown again.");
                caller.clear();
                refresh();
            } catch (IllegalArgumentException refused) {
                caller.setErrorMessage(refused.getMessage());
                caller.setInvalid(true);
            }
        });

        add(new H2("Users"), newUser, users, new H3("API keys of calling systems"),
                new Paragraph("EHRs and intake portals call the decision API with a key (header: Authorization: Bearer <key>)."),
                new HorizontalLayout(caller, issue), apiKeys);
        refresh();
    }

    /** The name, and below it when and by whom the account was created (the day: the audit trail has the moment). */
    private static Component user(UserAccount account) {
        Span created = new Span("created " + DAY.format(account.createdAt()) + " by " + account.createdBy());
        created.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        return new Div(new Div(account.username()), created);
    }

    /**
     * Active, disabled, or still on a one-time password: below it, until when, or a badge that it expired
     * (the row's Reset password hands out a new one).
     */
    private static Component status(UserAccount account) {
        Div status = new Div();
        status.addClassName("user-status");
        if (!account.enabled()) {
            status.setText("disabled");
        } else if (account.mustChangePassword()) {
            status.add(new Div("one-time password"));
            Span detail;
            if (account.oneTimePasswordExpired()) {
                detail = new Span("expired");
                detail.getElement().getThemeList().add("badge error small");
                detail.setTitle("It no longer signs in: reset the password to hand out a new one");
            } else {
                detail = new Span("until " + Downloads.WHEN.format(account.oneTimePasswordExpiresAt()));
                detail.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            }
            status.add(detail);
        } else {
            status.setText("active");
        }
        return status;
    }

    private Component userActions(UserAccount account) {
        Button roles = new Button("Roles", e -> editRoles(account));
        if (account.username().equals(me)) {
            // The service refuses it too; here the button says so before anyone tries.
            roles.setEnabled(false);
            roles.setTooltipText("Another administrator must change your roles");
        }
        Button reset = new Button("Reset password", e -> {
            OneTimePassword password = accounts.resetPassword(account.username(), me);
            showOnce("One-time password for " + account.username(), password.password(),
                    "They must choose their own at their next sign-in. It is not shown again.");
            refresh();
        });
        Button toggle = new Button(account.enabled() ? "Disable" : "Enable", e -> act(() ->
                accounts.setEnabled(account.username(), !account.enabled(), me)));
        for (Button b : new Button[] {roles, reset, toggle}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            // Every row has the same three buttons: screen readers need to hear whose they are.
            b.setAriaLabel(b.getText() + ": " + account.username());
        }
        return new HorizontalLayout(roles, reset, toggle);
    }

    private void editRoles(UserAccount account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(account == null ? "New user" : "Roles of " + account.username());
        TextField username = new TextField("Username");
        username.setHelperText("lower-case, e.g. dana.lee");
        CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(r -> r.label() + " — " + r.description());
        roles.addThemeName("vertical");
        if (account == null) {
            dialog.add(username);
        } else {
            roles.setValue(account.roles());
        }
        dialog.add(roles);
        Button save = new Button(account == null ? "Create" : "Save", e -> {
            Set<Role> chosen = roles.getValue().isEmpty() ? Set.of() : EnumSet.copyOf(roles.getValue());
            try {
                if (account == null) {
                    OneTimePassword password = accounts.create(username.getValue(), chosen, me);
                    dialog.close();
                    showOnce("One-time password for " + password.username(), password.password(),
                            "Hand it over in person or by a separate channel. They must choose their own at first sign-in.");
                } else {
                    accounts.changeRoles(account.username(), chosen, me);
                    dialog.close();
                }
                refresh();
            } catch (IllegalArgumentException refused) {
                // Editing roles has no username field: everything it refuses is about the roles.
                if (account != null || refused.getMessage().contains("role")) {
                    roles.setErrorMessage(refused.getMessage());
                    roles.setInvalid(true);
                } else {
                    username.setErrorMessage(refused.getMessage());
                    username.setInvalid(true);
                }
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void act(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (IllegalArgumentException refused) {
            Notifications.refused(refused.getMessage());
        }
    }

    private void showOnce(String title, String secret, String note) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        Pre value = new Pre(secret);
        value.addClassName("secret");
        dialog.add(value, new Paragraph(note));
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.open();
    }

    private void refresh() {
        users.setItems(accounts.list());
        apiKeys.setItems(keys.list());
    }
}

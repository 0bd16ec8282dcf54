package com.careplace.workbench.account.ui;

import com.careplace.workbench.account.UserAccounts;

import com.careplace.workbench.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** Choose a password: required after signing in with a one-time password, open to everyone any time. */
@Route("password")
@PageTitle("Change password · Careplace")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

    public ChangePasswordView(UserAccounts accounts, AuthenticationContext authentication) {
        String username = authentication.getPrincipalName().orElseThrow();
        boolean forced = accounts.mustChangePassword(username);
        setMaxWidth("32rem");
        PasswordField current = new PasswordField(forced ? "One-time password" : "Current password");
        PasswordField chosen = new PasswordField("New password");
        chosen.setHelperText("At least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters, not containing your username");
        PasswordField repeated = new PasswordField("New password again");
        for (PasswordField field : new PasswordField[] {current, chosen, repeated}) {
            field.setWidthFull();
        }
        Button save = new Button("Set password", e -> {
            chosen.setInvalid(false);
            repeated.setInvalid(false);
            current.setInvalid(false);
            if (!chosen.getValue().equals(repeated.getValue())) {
                repeated.setErrorMessage("The two new passwords differ");
                repeated.setInvalid(true);
                return;
            }
            try {
                accounts.changePassword(username, current.getValue(), chosen.getValue());
                Notifications.done("Password changed");
                getUI().ifPresent(ui -> ui.navigate(""));
            } catch (IllegalArgumentException refused) {
                PasswordField field = refused.getMessage().startsWith("current") ? current : chosen;
                field.setErrorMessage(refused.getMessage());
                field.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2(forced ? "Choose your password" : "Change password"));
        if (forced) {
            add(new Paragraph("You signed in with a one-time password. Choose your own before you go on."));
        }
        add(current, chosen, repeated, save);
    }
}

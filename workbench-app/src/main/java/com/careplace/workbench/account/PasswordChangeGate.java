package com.careplace.workbench.account;

import com.careplace.workbench.account.ui.LoginView;
import com.careplace.workbench.account.ui.ChangePasswordView;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/** Someone still holding a one-time password sees only the password screen (and may sign out). */
@Component
class PasswordChangeGate implements VaadinServiceInitListener {

    private final UserAccounts accounts;
    private final AuthenticationContext authentication;

    PasswordChangeGate(UserAccounts accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(enter -> {
            if (enter.getNavigationTarget() == ChangePasswordView.class || enter.getNavigationTarget() == LoginView.class) {
                return;
            }
            authentication.getPrincipalName().filter(accounts::mustChangePassword)
                    .ifPresent(name -> enter.rerouteTo(ChangePasswordView.class));
        }));
    }
}

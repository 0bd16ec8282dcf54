package com.careplace.workbench.account.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.Map;
import java.util.Set;

/**
 * Sign-in. Spring Security checks the form and sends a refusal back here with why: {@code ?error} (wrong
 * name or password, alike for names that are no account), {@code ?paused} (too many failures: sign-in
 * paused for the name or the address, alike for any name), {@code ?expired} (the right one-time password,
 * but too old). A one-time password leads on to choosing one's own.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Careplace")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /** Query parameter of the refusal → its title and message. */
    private static final Map<String, String[]> REFUSALS = Map.of(
            "error", new String[] {"Wrong username or password",
                    "Check both and try again. An administrator can give you a new one-time password."},
            "paused", new String[] {"Sign-in paused",
                    "Too many failed sign-ins for this username or from this computer. Wait a few minutes, then try again: "
                            + "each further failure makes the wait longer."},
            "expired", new String[] {"One-time password expired",
                    "This one-time password is too old to sign in with. Ask an administrator for a new one."});

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");
        form.setForgotPasswordButtonVisible(false);
        form.setAction("login");
        form.setI18n(i18n("error"));
        add(new H1("Careplace"), new Paragraph("Level-of-care placement rules: author, validate, review, release."), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Set<String> parameters = event.getLocation().getQueryParameters().getParameters().keySet();
        String refusal = parameters.contains("paused") ? "paused" : parameters.contains("expired") ? "expired"
                : parameters.contains("error") ? "error" : null;
        form.setI18n(i18n(refusal == null ? "error" : refusal));
        form.setError(refusal != null);
    }

    private static LoginI18n i18n(String refusal) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("Username");
        i18n.getForm().setSubmit("Sign in");
        i18n.getErrorMessage().setTitle(REFUSALS.get(refusal)[0]);
        i18n.getErrorMessage().setMessage(REFUSALS.get(refusal)[1]);
        return i18n;
    }
}

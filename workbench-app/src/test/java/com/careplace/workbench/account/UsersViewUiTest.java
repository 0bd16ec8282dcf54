package com.careplace.workbench.account;

import com.careplace.workbench.account.ui.UsersView;

import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.SignedIn;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The users screen without a browser, against the real account service and database. */
class UsersViewUiTest extends BrowserlessUi {

    @Autowired
    UserAccounts accounts;
    @Autowired
    PasswordEncoder passwords;

    private static int admins;

    /** A fresh administrator who has chosen their password (the first start's admin still has to). */
    private String anAdmin() {
        String name = "ada" + (++admins);
        SignedIn.as("admin", Role.ADMIN);
        OneTimePassword issued = accounts.create(name, Set.of(Role.ADMIN), "admin");
        SignedIn.as(name, Role.ADMIN);
        accounts.changePassword(name, issued.password(), "Chosen-passphrase-2026");
        signIn(name, Role.ADMIN);
        return name;
    }

    private void newUser(String username, Set<Role> roles) {
        _click(_get(Button.class, s -> s.withText("New user")));
        _setValue(_get(TextField.class, s -> s.withLabel("Username")), username);
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> group = _get(CheckboxGroup.class, s -> s.withLabel("Roles"));
        _setValue(group, roles);
        _click(_get(Button.class, s -> s.withText("Create")));
    }

    @Test
    void anAdminCreatesAUserWhoGetsAOneTimePasswordShownOnce() {
        anAdmin();
        UI.getCurrent().navigate(UsersView.class);

        newUser("lee.author", Set.of(Role.AUTHOR, Role.REVIEWER));

        String shown = _get(Pre.class, s -> s.withClasses("secret")).getText();
        assertThat(passwords.matches(shown, accounts.loadUserByUsername("lee.author").getPassword())).isTrue();
        assertThat(accounts.mustChangePassword("lee.author")).isTrue();
        assertThat(accounts.loadUserByUsername("lee.author").getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_AUTHOR", "ROLE_REVIEWER");
    }

    @Test
    void aTakenUsernameIsNamedOnItsFieldAndNothingIsCreated() {
        anAdmin();
        UI.getCurrent().navigate(UsersView.class);
        newUser("kim.twice", Set.of(Role.AUTHOR));
        _click(_get(Button.class, s -> s.withText("Done")));

        newUser("kim.twice", Set.of(Role.REVIEWER));

        TextField username = _get(TextField.class, s -> s.withLabel("Username"));
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).contains("kim.twice");
        assertThat(accounts.loadUserByUsername("kim.twice").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_AUTHOR");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLastAdminCannotTakeAwayTheirOwnAdminRole() {
        String me = anAdmin();
        // Nobody else is an enabled administrator any more.
        accounts.list().stream().filter(a -> a.enabled() && a.roles().contains(Role.ADMIN) && !a.username().equals(me))
                .forEach(a -> accounts.setEnabled(a.username(), false, me));
        UI.getCurrent().navigate(UsersView.class);
        Grid<UserAccount> users = _get(Grid.class, s -> s.withId("users"));
        int row = GridKt._findAll(users).stream().map(UserAccount::username).toList().indexOf(me);
        _click(_get(GridKt._getCellComponent(users, row, "actions"), Button.class, s -> s.withText("Roles")));
        CheckboxGroup<Role> group = _get(CheckboxGroup.class, s -> s.withLabel("Roles"));
        _setValue(group, Set.of(Role.REVIEWER));
        _click(_get(Button.class, s -> s.withText("Save")));

        assertThat(group.isInvalid()).isTrue();
        assertThat(group.getErrorMessage()).containsIgnoringCase("admin");
        assertThat(accounts.loadUserByUsername(me).getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
    }
}

package com.careplace.workbench.account;

import com.careplace.workbench.account.ui.UsersView;

import com.careplace.workbench.BrowserlessUi;
import com.careplace.workbench.SignedIn;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users screen without a browser, against the real account service and database. */
class UsersViewUiTest extends BrowserlessUi {

    @Autowired
    UserAccounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JdbcTemplate jdbc;

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
        assertThat(rolesButton(me).isEnabled()).as("the screen offers no Roles button for oneself").isFalse();

        assertThatThrownBy(() -> accounts.changeRoles(me, Set.of(Role.REVIEWER), me)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(me + " is the last enabled administrator; make someone else one first");
        assertThat(accounts.loadUserByUsername(me).getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
    }

    @Test
    void anAdministratorCannotChangeTheirOwnRolesButAnotherAdministratorCan() {
        String other = anAdmin();
        String me = anAdmin();
        UI.getCurrent().navigate(UsersView.class);
        assertThat(rolesButton(me).isEnabled()).isFalse();
        assertThat(rolesButton(me).getTooltip().getText()).isEqualTo("Another administrator must change your roles");
        assertThat(rolesButton(other).isEnabled()).isTrue();

        // Adding a role to oneself, or dropping one: refused by the service, whatever the screen offers.
        assertThatThrownBy(() -> accounts.changeRoles(me, Set.of(Role.ADMIN, Role.DEPLOYER), me))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("administrators cannot change their own roles: ask another administrator");
        assertThatThrownBy(() -> accounts.changeRoles(me, Set.of(Role.AUTHOR), me)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("their own roles");
        assertThat(accounts.loadUserByUsername(me).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");

        SignedIn.as(other, Role.ADMIN);
        accounts.changeRoles(me, Set.of(Role.ADMIN, Role.DEPLOYER), other);
        assertThat(accounts.loadUserByUsername(me).getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_DEPLOYER");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUsersScreenShowsWhenAOneTimePasswordExpiredAndUntilWhenOneIsValid() {
        String me = anAdmin();
        UI.getCurrent().navigate(UsersView.class);
        newUser("old.otp", Set.of(Role.AUTHOR));
        _click(_get(Button.class, s -> s.withText("Done")));
        newUser("new.otp", Set.of(Role.AUTHOR));
        _click(_get(Button.class, s -> s.withText("Done")));
        // Handed out 73 hours ago: one-time passwords last 72.
        jdbc.update("update app_user set one_time_password_issued_at = ? where username = 'old.otp'",
                Timestamp.from(Instant.now().minus(Duration.ofHours(73))));

        signIn(me, Role.ADMIN); // a fresh screen
        UI.getCurrent().navigate(UsersView.class);
        assertThat(status("old.otp")).isEqualTo("one-time password expired");
        assertThat(_get(GridKt._getCellComponent(users(), row("old.otp"), "status"), Span.class, s -> s.withText("expired"))
                .getElement().getThemeList()).contains("badge", "error");
        assertThat(status("new.otp")).startsWith("one-time password until ");

        _click(_get(GridKt._getCellComponent(users(), row("old.otp"), "actions"), Button.class, s -> s.withText("Reset password")));
        _click(_get(Button.class, s -> s.withText("Done")));
        assertThat(status("old.otp")).startsWith("one-time password until ");
    }

    @SuppressWarnings("unchecked")
    private static Grid<UserAccount> users() {
        return _get(Grid.class, s -> s.withId("users"));
    }

    private static int row(String username) {
        return GridKt._findAll(users()).stream().map(UserAccount::username).toList().indexOf(username);
    }

    private static Button rolesButton(String username) {
        return _get(GridKt._getCellComponent(users(), row(username), "actions"), Button.class, s -> s.withText("Roles"));
    }

    /** The status cell's text, its lines joined by a space. */
    private static String status(String username) {
        Component cell = GridKt._getCellComponent(users(), row(username), "status");
        return cell.getChildren().map(c -> c.getElement().getText()).reduce((a, b) -> a + " " + b).orElse(cell.getElement().getText());
    }
}

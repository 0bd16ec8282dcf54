package com.careplace.workbench.account;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open sessions end when an administrator disables the user, changes their roles or resets their
 * password: a real session cookie against the running workbench works before the change, again and
 * again, and not after it; a bystander's session goes on.
 */
class SessionEndsTest extends WorkbenchOverHttp {

    @Test
    void disablingAUserEndsTheirOpenSessionForGood() {
        user("dale", Role.AUTHOR);
        SignInClient dale = signedIn("dale");
        SignInClient bystander = bystander("dale.bystander");

        asAdmin(() -> accounts.setEnabled("dale", false, "admin"));

        assertSignedOut(dale);
        assertThat(bystander.get("/").statusCode()).isEqualTo(200);
        assertThat(dale.location(dale.signIn("dale", PASSWORD))).isEqualTo("/login?error");
        // Enabled again, the old session stays over: only a new sign-in gets in.
        asAdmin(() -> accounts.setEnabled("dale", true, "admin"));
        assertSignedOut(dale);
        assertThat(jdbc.queryForList("select detail from audit_entry where action = 'session.ended' and actor = 'dale'", String.class))
                .containsExactly("account changed since sign-in (disabled, roles or password reset): signed out");
        clock.advance(Duration.ofDays(1));
        signedIn("dale");
    }

    @Test
    void changingAUsersRolesEndsTheirOpenSession() {
        user("robin", Role.AUTHOR);
        SignInClient robin = signedIn("robin");
        SignInClient bystander = bystander("robin.bystander");

        asAdmin(() -> accounts.changeRoles("robin", Set.of(Role.AUTHOR, Role.REVIEWER), "admin"));

        assertSignedOut(robin);
        assertThat(bystander.get("/").statusCode()).isEqualTo(200);
        // Signing in again gives a session with the new roles.
        signedIn("robin");
    }

    @Test
    void resettingAUsersPasswordEndsTheirOpenSession() {
        user("sasha", Role.AUTHOR);
        SignInClient sasha = signedIn("sasha");
        SignInClient bystander = bystander("sasha.bystander");

        OneTimePassword[] reset = new OneTimePassword[1];
        asAdmin(() -> reset[0] = accounts.resetPassword("sasha", "admin"));

        assertSignedOut(sasha);
        assertThat(bystander.get("/").statusCode()).isEqualTo(200);
        assertThat(sasha.location(sasha.signIn("sasha", PASSWORD))).isEqualTo("/login?error");
        // In again with the new one-time password (back where the ended session was sent to sign in).
        assertThat(sasha.location(sasha.signIn("sasha", reset[0].password()))).isEqualTo("/?continue");
    }

    private SignInClient bystander(String username) {
        user(username, Role.AUTHOR);
        return signedIn(username);
    }

    private SignInClient signedIn(String username) {
        SignInClient client = browser();
        assertThat(client.location(client.signIn(username, PASSWORD))).isEqualTo("/");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> screen = client.get("/");
            assertThat(screen.statusCode()).as("signed in: %s", SignInClient.answer(screen)).isEqualTo(200);
        }
        return client;
    }

    private static void assertSignedOut(SignInClient client) {
        HttpResponse<String> screen = client.get("/");
        assertThat(screen.statusCode()).as(SignInClient.answer(screen)).isEqualTo(302);
        assertThat(client.location(screen)).isEqualTo("/login");
    }
}

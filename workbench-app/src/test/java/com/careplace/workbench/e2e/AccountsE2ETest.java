package com.careplace.workbench.e2e;

import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.OneTimePassword;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.account.UserAccounts;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts in a real browser: the sign-in screen once sign-in is paused after failures, a one-time
 * password that expired (at sign-in and on the administrator's Users screen), and sign-out on the record.
 */
class AccountsE2ETest extends RunningWorkbench {

    @Autowired
    UserAccounts accounts;

    @AfterEach
    void signOutOfServices() {
        SignedIn.out();
    }

    @Test
    void afterFiveWrongPasswordsTheSignInScreenSaysSignInIsPaused() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = browser.signInScreen();
            for (int i = 1; i <= 5; i++) {
                Browser.submitSignIn(page, "alex", "not-alex-password-" + i);
                page.waitForURL(url -> url.endsWith("/login?error"));
            }
            assertThat(page.getByText("Wrong username or password")).isVisible();
            // The right password now: refused unchecked, saying why.
            Browser.submitSignIn(page, "alex", "alex-demo-password");
            page.waitForURL(url -> url.endsWith("/login?paused"));
            assertThat(page.getByText("Sign-in paused")).isVisible();
            assertThat(page.getByText("Too many failed sign-ins for this username or from this computer")).isVisible();
            Browser.screenshotAtBothSizes(page, "20-sign-in-paused");
        }
        assertThat(jdbc.queryForList("select subject from audit_entry where action = 'sign-in.locked'", String.class)).containsExactly("alex");
    }

    @Test
    void anExpiredOneTimePasswordIsRefusedAtSignInAndShownToTheAdministrator() {
        SignedIn.as("admin", Role.ADMIN);
        OneTimePassword adminPassword = accounts.create("ada", Set.of(Role.ADMIN), "admin");
        OneTimePassword expired = accounts.create("jordan", Set.of(Role.AUTHOR), "admin");
        accounts.create("casey", Set.of(Role.REVIEWER), "admin");
        SignedIn.as("ada", Role.ADMIN);
        accounts.changePassword("ada", adminPassword.password(), "Correct-horse-battery-2026");
        SignedIn.out();
        // Handed out four days ago: one-time passwords last 72 hours.
        jdbc.update("update app_user set one_time_password_issued_at = ? where username = 'jordan'",
                Timestamp.from(Instant.now().minus(Duration.ofDays(4))));

        try (Browser browser = new Browser(baseUrl())) {
            Page jordan = browser.signInScreen();
            Browser.submitSignIn(jordan, "jordan", expired.password());
            jordan.waitForURL(url -> url.endsWith("/login?expired"));
            assertThat(jordan.getByText("One-time password expired")).isVisible();
            assertThat(jordan.getByText("Ask an administrator for a new one.")).isVisible();
            Browser.screenshotAtBothSizes(jordan, "21-one-time-password-expired");

            Page ada = browser.signIn("ada", "Correct-horse-battery-2026");
            ada.navigate(baseUrl() + "/admin/users");
            assertThat(ada.locator(".user-status [theme~='badge']")).hasText("expired");
            assertThat(ada.locator(".user-status", new Page.LocatorOptions().setHasText("until")).first()).isVisible();
            Browser.screenshotAtBothSizes(ada, "22-users-expired-one-time-password");
        }
    }

    @Test
    void signingOutIsOnTheRecord() {
        try (Browser browser = new Browser(baseUrl())) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            Browser.button(dana, "Sign out").click();
            dana.waitForURL(url -> url.contains("/login"));
        }
        assertThat(jdbc.queryForList("select action from audit_entry where actor = 'dana' order by seq", String.class))
                .containsSubsequence("sign-in", "sign-out");
    }
}

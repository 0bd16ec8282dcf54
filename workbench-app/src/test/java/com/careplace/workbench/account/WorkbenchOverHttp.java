package com.careplace.workbench.account;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.MutableClock;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.WorkbenchApplication;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;

/**
 * The whole workbench on a random port with a fresh database and a clock the test moves: sign-in over
 * real HTTP, through the real Spring Security filters, provider and database.
 */
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.AsTheAccountClock.class)
// Vaadin installs its security context strategy process-wide: each class gets a workbench of its own.
@DirtiesContext
abstract class WorkbenchOverHttp {

    static final String PASSWORD = "Correct-horse-battery-2026";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    SignInClient browser() {
        return new SignInClient("http://localhost:" + port);
    }

    /** A user who has chosen {@link #PASSWORD}, created by the first start's administrator. */
    void user(String username, Role... roles) {
        SignedIn.as("admin", Role.ADMIN);
        OneTimePassword issued = accounts.create(username, Set.of(roles), "admin");
        SignedIn.as(username, roles);
        accounts.changePassword(username, issued.password(), PASSWORD);
        SignedIn.out();
    }

    /** Does what {@code action} does as the administrator {@code admin}. */
    void asAdmin(Runnable action) {
        SignedIn.as("admin", Role.ADMIN);
        try {
            action.run();
        } finally {
            SignedIn.out();
        }
    }

    @AfterEach
    void signOutOfServices() {
        SignedIn.out();
    }
}

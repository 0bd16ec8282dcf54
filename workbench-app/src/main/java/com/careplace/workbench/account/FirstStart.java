package com.careplace.workbench.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/**
 * Accounts at start. There is no built-in password: with no users yet, an administrator is created
 * with a one-time password logged once to the console (logged again, renewed, at a restart after it expired
 * unused while no other administrator could reset it). The demo switch
 * ({@code careplace.demo-users=true}) adds demo users with the documented passwords.
 */
@Component
@Order(10)
class FirstStart implements ApplicationRunner {

    /** Demo users: sign-in name, roles. Their password is the name followed by {@value #DEMO_PASSWORD_SUFFIX}. */
    static final String DEMO_PASSWORD_SUFFIX = "-demo-password";

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final UserAccounts accounts;
    private final String adminName;
    private final boolean demoUsers;

    FirstStart(UserAccounts accounts, @Value("${careplace.first-admin:admin}") String adminName,
               @Value("${careplace.demo-users:false}") boolean demoUsers) {
        this.accounts = accounts;
        this.adminName = adminName;
        this.demoUsers = demoUsers;
    }

    @Override
    public void run(ApplicationArguments args) {
        // A first admin who never signed in before their one-time password expired gets a new one here.
        accounts.createFirstAdmin(adminName).or(() -> accounts.renewExpiredFirstAdmin(adminName)).ifPresent(FirstStart::print);
        if (demoUsers) {
            seed("dana", EnumSet.of(Role.AUTHOR));
            seed("alex", EnumSet.of(Role.AUTHOR));
            seed("riley", EnumSet.of(Role.REVIEWER));
            seed("morgan", EnumSet.of(Role.REVIEWER, Role.DEPLOYER));
        }
    }

    private void seed(String name, EnumSet<Role> roles) {
        accounts.seedDemoUser(name, name + DEMO_PASSWORD_SUFFIX, roles);
    }

    private static void print(OneTimePassword password) {
        // Logged once, on the first start only; it is useless once the admin has chosen their own at first sign-in.
        log.warn("Careplace first start: sign in as '{}' with the one-time password  {}  "
                + "(you will be asked to choose your own; it is not shown again)", password.username(), password.password());
    }
}

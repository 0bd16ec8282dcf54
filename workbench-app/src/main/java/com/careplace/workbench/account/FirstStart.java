package com.careplace.workbench.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/**
 * Accounts at start. There is no built-in password: with no users yet, an administrator is created
 * with a one-time password printed once to the console. The demo switch
 * ({@code careplace.demo-users=true}) adds demo users with the documented passwords.
 */
@Component
@Order(10)
class FirstStart implements ApplicationRunner {

    /** Demo users: sign-in name, roles. Their password is the name followed by {@value #DEMO_PASSWORD_SUFFIX}. */
    static final String DEMO_PASSWORD_SUFFIX = "-demo-password";

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
        accounts.createFirstAdmin(adminName).ifPresent(FirstStart::print);
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
        // Straight to the operator's terminal, deliberately not through logging: a credential does not
        // belong in log files or log shipping. It is useless once the admin has chosen their own.
        System.out.printf("%n  Careplace first start: sign in as '%s' with the one-time password  %s%n"
                + "  (you will be asked to choose your own password; this one is not shown again)%n%n",
                password.username(), password.password());
        System.out.flush();
    }
}

package com.careplace.workbench.account;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack {@link SignInThrottleTest} stops, with throttling switched off by its setting: thirty wrong
 * passwords and then the right one, which gets straight in. With throttling on, the same 31st attempt is
 * refused.
 */
@TestPropertySource(properties = "careplace.sign-in.throttling=false")
class SignInWithoutThrottlingTest extends WorkbenchOverHttp {

    @Test
    void withoutThrottlingThe31stGuessGetsIn() {
        user("pat", Role.AUTHOR);
        SignInClient guesser = browser();
        for (int i = 1; i <= 30; i++) {
            assertThat(guesser.location(guesser.signIn("pat", "guess-number-" + i))).isEqualTo("/login?error");
        }
        assertThat(guesser.location(guesser.signIn("pat", PASSWORD))).isEqualTo("/");
        assertThat(guesser.get("/").statusCode()).isEqualTo(200);
    }
}

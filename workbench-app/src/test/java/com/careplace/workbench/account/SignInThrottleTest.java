package com.careplace.workbench.account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over real HTTP against the running workbench, with throttling as installed (the
 * defaults): 5 failures for a name, or 20 from an address, pause its sign-ins for 1 minute, doubling.
 * {@link SignInWithoutThrottlingTest} shows the same guessing succeeding when throttling is off.
 */
class SignInThrottleTest extends WorkbenchOverHttp {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleTest.class);

    @BeforeEach
    void forgetEarlierFailures() {
        // Counts are forgotten after an hour without attempts: each test starts with none.
        clock.advance(Duration.ofDays(1));
    }

    @Test
    void thirtyWrongPasswordsAreNotFollowedByASuccessfulGuessUntilThePauseIsOver() {
        user("pat", Role.AUTHOR);
        SignInClient guesser = browser();
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            answers.add(guesser.location(guesser.signIn("pat", "guess-number-" + i)));
        }
        assertThat(answers.subList(0, 5)).containsOnly("/login?error");
        assertThat(answers.subList(5, 30)).containsOnly("/login?paused");

        // The 31st attempt has the right password: refused all the same, unchecked.
        assertThat(guesser.location(guesser.signIn("pat", PASSWORD))).isEqualTo("/login?paused");

        // The pause (1 minute after 5 failures) ends; then the right password signs in.
        clock.advance(Duration.ofSeconds(59));
        assertThat(guesser.location(guesser.signIn("pat", PASSWORD))).isEqualTo("/login?paused");
        clock.advance(Duration.ofSeconds(2));
        SignInClient pat = browser();
        assertThat(pat.location(pat.signIn("pat", PASSWORD))).isEqualTo("/");
        assertThat(pat.get("/").statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForList("select subject || ': ' || detail from audit_entry where action = 'sign-in.locked' and subject = 'pat'", String.class))
                .singleElement().asString().startsWith("pat: 5 failed sign-ins in a row; sign-in paused for 1 min, until ");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where detail like '%guess-number%' or subject like '%guess-number%' "
                + "or actor like '%guess-number%'", Integer.class)).as("no password on the record").isZero();
        // The right password started the count over: four more failures do not pause again.
        for (int i = 1; i <= 4; i++) {
            assertThat(guesser.location(guesser.signIn("pat", "guess-again-" + i))).isEqualTo("/login?error");
        }
    }

    @Test
    void countsNobodyNeedsAnyMoreAreDropped(@Autowired SignInThrottle throttle) {
        for (int i = 1; i <= 3; i++) {
            browser().signIn("sprayed-name-" + i, "whatever");
        }
        assertThat(jdbc.queryForObject("select count(*) from sign_in_throttle where throttle_key like 'account:sprayed-name-%'", Integer.class))
                .isEqualTo(3);
        throttle.forgetOldCounts();
        assertThat(jdbc.queryForObject("select count(*) from sign_in_throttle where throttle_key like 'account:sprayed-name-%'", Integer.class))
                .as("still counting").isEqualTo(3);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        throttle.forgetOldCounts();
        assertThat(jdbc.queryForObject("select count(*) from sign_in_throttle where throttle_key like 'account:sprayed-name-%'", Integer.class))
                .as("forgotten anyway").isZero();
    }

    @Test
    void eachFailureAfterAPauseDoublesTheNextUpToAQuarterOfAnHour() {
        user("lou", Role.AUTHOR);
        SignInClient guesser = browser();
        for (int i = 1; i <= 5; i++) {
            guesser.signIn("lou", "wrong-" + i);
        }
        List<Duration> pauses = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            Duration waited = Duration.ZERO;
            while (guesser.location(guesser.signIn("lou", "probe-" + round)).equals("/login?paused")) {
                clock.advance(Duration.ofSeconds(30));
                waited = waited.plusSeconds(30);
            }
            pauses.add(waited);
        }
        // Waited in 30-second steps: 1, 2, 4, 8, 15, 15 minutes (each probe that got through failed again).
        assertThat(pauses).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void twentyFailuresFromOneAddressPauseItForEveryNameAndAForgedForwardedForDoesNotHelp() {
        user("kit", Role.AUTHOR);
        SignInClient sprayer = browser();
        for (int i = 1; i <= 20; i++) {
            // A different name each time (never 5 for one name), each claiming another origin.
            HttpResponse<String> answer = sprayer.signIn("user" + i, "Spring2026!", Map.of("X-Forwarded-For", "198.51.100." + i));
            assertThat(sprayer.location(answer)).isEqualTo("/login?error");
        }
        // Now every name from this address is paused, kit's right password included.
        SignInClient kit = browser();
        assertThat(kit.location(kit.signIn("kit", PASSWORD))).isEqualTo("/login?paused");
        assertThat(jdbc.queryForList("select actor || ' / ' || subject from audit_entry where action = 'sign-in.locked'", String.class))
                .containsExactly("user20 / address 127.0.0.1");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(kit.location(kit.signIn("kit", PASSWORD))).isEqualTo("/");
    }

    /**
     * Whether a name is an account must not show: a wrong password for an account, for a disabled account
     * and for a name that is none get the same answers byte for byte (but the Date header), and the pause
     * comes at the same attempt.
     */
    @Test
    void namesThatAreNoAccountAreAnsweredByteForByteLikeAccounts() {
        user("quinn", Role.AUTHOR);
        user("quincy", Role.AUTHOR);
        asAdmin(() -> accounts.setEnabled("quincy", false, "admin"));
        for (int i = 1; i <= 7; i++) {
            SignInClient first = browser();
            SignInClient second = browser();
            SignInClient third = browser();
            String account = SignInClient.answer(first.signIn("quinn", "wrong-" + i));
            String disabled = SignInClient.answer(second.signIn("quincy", i == 3 ? PASSWORD : "wrong-" + i));
            String nobody = SignInClient.answer(third.signIn("quinn-nobody", "wrong-" + i));
            assertThat(disabled).as("attempt %d, disabled account (attempt 3 with its right password)", i).isEqualTo(account);
            assertThat(nobody).as("attempt %d, no such account", i).isEqualTo(account);
            assertThat(account).contains(i <= 5 ? "/login?error" : "/login?paused");
        }
    }

    @Test
    void anExpiredOneTimePasswordIsRefusedSayingSoButOnlyToWhoeverHoldsIt() {
        OneTimePassword issued = issue("otto");
        clock.advance(Duration.ofHours(72));
        SignInClient otto = browser();
        assertThat(otto.location(otto.signIn("otto", issued.password()))).isEqualTo("/login?expired");
        // A wrong password learns nothing about it.
        assertThat(otto.location(otto.signIn("otto", "not-the-one-time-password"))).isEqualTo("/login?error");
        asAdmin(() -> assertThat(accounts.list()).filteredOn(a -> a.username().equals("otto")).singleElement()
                .satisfies(a -> assertThat(a.oneTimePasswordExpired()).isTrue()));

        // Just before 72 hours it still works; an administrator's reset hands out a fresh one.
        OneTimePassword fresh = issue("ottilie");
        clock.advance(Duration.ofHours(72).minusMinutes(1));
        SignInClient ottilie = browser();
        assertThat(ottilie.location(ottilie.signIn("ottilie", fresh.password()))).isEqualTo("/");
        OneTimePassword reset = asAdminGet(() -> accounts.resetPassword("otto", "admin"));
        assertThat(otto.location(otto.signIn("otto", reset.password()))).isEqualTo("/");
    }

    /** A first administrator who never signed in is not locked out for good once their one-time password expired. */
    @Test
    void aRestartRenewsTheFirstAdministratorsExpiredOneTimePasswordWhileNobodyElseCouldResetIt() {
        // This workbench's first administrator never signed in, and now 72 hours have passed.
        clock.advance(Duration.ofHours(72));
        asAdmin(() -> assertThat(accounts.list()).filteredOn(a -> a.username().equals("admin")).singleElement()
                .satisfies(a -> assertThat(a.oneTimePasswordExpired()).isTrue()));
        assertThat(accounts.renewExpiredFirstAdmin("pat")).as("only the first start's administrator").isEmpty();

        Optional<OneTimePassword> renewed = accounts.renewExpiredFirstAdmin("admin");

        assertThat(renewed).isPresent();
        SignInClient admin = browser();
        assertThat(admin.location(admin.signIn("admin", renewed.get().password()))).isEqualTo("/");
        assertThat(accounts.renewExpiredFirstAdmin("admin")).as("valid again: nothing to renew").isEmpty();
        clock.advance(Duration.ofHours(73));
        user("second.admin", Role.ADMIN);
        assertThat(accounts.renewExpiredFirstAdmin("admin")).as("another administrator can reset it").isEmpty();
    }

    @Test
    void strangeInputIsRefusedLikeAWrongPasswordNeverAnError() {
        SignInClient client = browser();
        List<String[]> inputs = List.of(new String[] {"x".repeat(10_000), "p"}, new String[] {"a\u0000b\r\nc\u202e", "p\u0000"},
                new String[] {"", ""}, new String[] {null, null}, new String[] {"admin' or '1'='1", "' or 1=1 --"},
                new String[] {"\uD83D\uDE00".repeat(80), "\uD83D\uDE00"});
        for (String[] input : inputs) {
            HttpResponse<String> answer = client.signIn(input[0], input[1]);
            assertThat(answer.statusCode()).as(SignInClient.answer(answer)).isEqualTo(302);
            assertThat(client.location(answer)).isIn("/login?error", "/login?paused");
        }
    }

    /** The figures: how long one refused sign-in takes for an account and for a name that is none. Logged, not asserted. */
    @Test
    void signInTimesForAccountsAndForNamesThatAreNone() {
        user("tess", Role.AUTHOR);
        SignInClient client = browser();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            client.signIn("tess", "warm-up");
            client.signIn("tess-nobody", "warm-up");
            clock.advance(Duration.ofDays(1));
        }
        int rounds = 20;
        long[] account = new long[rounds];
        long[] nobody = new long[rounds];
        long[] paused = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            // Alternated, each after the counts are forgotten: every one is an ordinary refused first attempt.
            clock.advance(Duration.ofDays(1));
            client.signIn("tess", "wrong-" + i);
            account[i] = client.lastPostNanos();
            client.signIn("tess-nobody", "wrong-" + i);
            nobody[i] = client.lastPostNanos();
        }
        for (int i = 0; i < 5; i++) {
            client.signIn("tess", "pause-it-" + i);
        }
        for (int i = 0; i < rounds; i++) {
            client.signIn("tess", PASSWORD);
            paused[i] = client.lastPostNanos();
        }
        log.info("Sign-in timing over HTTP (the POST /login alone, {} each): wrong password for an account median {} ms "
                        + "(min {}, max {}); name that is no account median {} ms (min {}, max {}); paused (unchecked) median {} ms",
                rounds, median(account), min(account), max(account), median(nobody), min(nobody), max(nobody), median(paused));
    }

    private OneTimePassword issue(String username) {
        return asAdminGet(() -> accounts.create(username, java.util.Set.of(Role.AUTHOR), "admin"));
    }

    private <T> T asAdminGet(java.util.function.Supplier<T> action) {
        List<T> result = new ArrayList<>();
        asAdmin(() -> result.add(action.get()));
        return result.getFirst();
    }

    private static String median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return ms(sorted[sorted.length / 2]);
    }

    private static String min(long[] nanos) {
        return ms(java.util.Arrays.stream(nanos).min().orElseThrow());
    }

    private static String max(long[] nanos) {
        return ms(java.util.Arrays.stream(nanos).max().orElseThrow());
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}

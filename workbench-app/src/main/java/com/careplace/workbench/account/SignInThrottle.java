package com.careplace.workbench.account;

import com.careplace.workbench.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slows password guessing down: after {@link SignInSettings#accountFailures()} failed sign-ins in a row for
 * one name, or {@link SignInSettings#addressFailures()} from one client address, sign-ins for it pause, for
 * {@link SignInSettings#firstPause()} and twice as long after each further failure, up to
 * {@link SignInSettings#longestPause()}. While paused even the right password is refused, unchecked, so a
 * pause tells nothing about the password.
 * <p>
 * The counts live in the database ({@code sign_in_throttle}), so every workbench node sees the same ones
 * and a guesser gains nothing by spreading attempts over nodes. Names that are no account are counted like
 * accounts, so that the answers (and when the pause comes) are the same whether a name exists or not.
 * Each attempt is counted <em>before</em> its password is checked and uncounted if it was right: a burst of
 * parallel guesses is counted as it arrives, rather than all being checked before the first failure lands.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Longer names are no account (those have at most 64 characters); they are keyed by their hash. */
    private static final int LONGEST_KEYED_NAME = 100;

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final SignInSettings settings;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    SignInThrottle(JdbcTemplate jdbc, AuditTrail audit, SignInSettings settings, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        // Counting commits on its own, whatever the caller's transaction does: a refused sign-in still counts.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        if (!settings.throttling()) {
            log.warn("Sign-in throttling is OFF (careplace.sign-in.throttling=false): passwords can be guessed at full speed");
        }
    }

    /**
     * Counts a sign-in attempt for {@code username} from {@code address} before its password is checked.
     *
     * @param address the client address, or null when unknown (then only the name is counted)
     * @return the attempt, to report its outcome with; empty when sign-ins for the name or the address are
     *         paused: refuse it without checking the password
     */
    Optional<Attempt> begin(String username, String address) {
        if (!settings.throttling()) {
            return Optional.of(new Attempt(List.of()));
        }
        List<Key> keys = new ArrayList<>();
        keys.add(new Key("account:" + accountKey(username), SignInAudit.nameTried(accountKey(username)), settings.accountFailures()));
        if (address != null && !address.isBlank()) {
            String network = network(address);
            keys.add(new Key("address:" + network, "address " + network, settings.addressFailures()));
        }
        return retryingARacedInsert(() -> ownTransaction.execute(tx -> {
            // Microseconds, what databases keep: a pause read back ends when it was computed to end.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Counted> counted = new ArrayList<>();
            List<Row> rows = keys.stream().map(key -> lockRow(key.key(), now)).toList();
            if (rows.stream().anyMatch(row -> row.pausedUntil() != null && row.pausedUntil().isAfter(now))) {
                return Optional.<Attempt>empty();
            }
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                Row row = rows.get(i);
                int failures = row.lastAttemptAt().isBefore(now.minus(settings.forgetAfter())) ? 1 : row.failures() + 1;
                Duration pause = failures >= key.threshold() ? settings.pauseAfter(failures, key.threshold()) : null;
                Instant pausedUntil = pause == null ? null : now.plus(pause);
                jdbc.update("update sign_in_throttle set failures = ?, last_attempt_at = ?, paused_until = ? where throttle_key = ?",
                        failures, Timestamp.from(now), pausedUntil == null ? null : Timestamp.from(pausedUntil), key.key());
                counted.add(new Counted(key, failures, pause, pausedUntil));
            }
            return Optional.of(new Attempt(counted));
        }));
    }

    /** The attempt's password was wrong (or the account may not sign in): a pause it started goes on the record. */
    void failed(Attempt attempt, String username) {
        for (Counted counted : attempt.counted()) {
            if (counted.pausedUntil() != null) {
                audit.record(SignInAudit.nameTried(username), "sign-in.locked", counted.key().subject(), counted.failures() + " failed sign-ins in a row; "
                        + "sign-in paused for " + minutes(counted.pause()) + ", until " + counted.pausedUntil().truncatedTo(ChronoUnit.SECONDS));
            }
        }
    }

    /**
     * The attempt's password was right: the name's count starts over; the address's loses this attempt
     * (and a pause this attempt started), but not earlier failures, or one's own account would wipe out
     * guesses at others' from the same address.
     */
    void passwordWasRight(Attempt attempt) {
        if (attempt.counted().isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            for (Counted counted : attempt.counted()) {
                if (counted.key().key().startsWith("account:")) {
                    jdbc.update("delete from sign_in_throttle where throttle_key = ?", counted.key().key());
                } else {
                    jdbc.update("update sign_in_throttle set failures = greatest(failures - 1, 0) where throttle_key = ?", counted.key().key());
                    if (counted.pausedUntil() != null) {
                        jdbc.update("update sign_in_throttle set paused_until = null where throttle_key = ? and paused_until = ?",
                                counted.key().key(), Timestamp.from(counted.pausedUntil()));
                    }
                }
            }
        });
    }

    /**
     * Drops counts that are forgotten anyway (no attempt for {@link SignInSettings#forgetAfter()}, no pause
     * running), so that names sprayed at the sign-in form do not pile up. Any node may run it; it is idempotent.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldCounts() {
        Instant now = clock.instant();
        int forgotten = jdbc.update("delete from sign_in_throttle where last_attempt_at < ? and (paused_until is null or paused_until < ?)",
                Timestamp.from(now.minus(settings.forgetAfter())), Timestamp.from(now));
        if (forgotten > 0) {
            log.debug("Forgot {} stale sign-in counts", forgotten);
        }
    }

    private Row lockRow(String key, Instant now) {
        List<Row> found = jdbc.query("select failures, last_attempt_at, paused_until from sign_in_throttle where throttle_key = ? for update",
                (rs, n) -> new Row(rs.getInt("failures"), rs.getTimestamp("last_attempt_at").toInstant(),
                        rs.getTimestamp("paused_until") == null ? null : rs.getTimestamp("paused_until").toInstant()), key);
        if (!found.isEmpty()) {
            return found.getFirst();
        }
        // Two nodes may insert the same new key at once: the loser's transaction is retried, and then finds the row.
        jdbc.update("insert into sign_in_throttle (throttle_key, failures, last_attempt_at) values (?, 0, ?)", key, Timestamp.from(now));
        return new Row(0, now, null);
    }

    private static <T> T retryingARacedInsert(Supplier<T> work) {
        try {
            return work.get();
        } catch (DuplicateKeyException raced) {
            return work.get();
        }
    }

    /** Names as counted: sign-in names are lower-case, so "Dana" is another guess at dana. */
    static String accountKey(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() <= LONGEST_KEYED_NAME ? name : "sha256:" + sha256(name);
    }

    /**
     * The network an address counts for: IPv4 addresses one by one, IPv6 by /64 (one host usually has a
     * whole /64 to pick addresses from).
     */
    static String network(String address) {
        try {
            InetAddress parsed = InetAddress.ofLiteral(address.strip());
            if (parsed instanceof Inet6Address v6) {
                byte[] bytes = v6.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (IllegalArgumentException notALiteral) {
            String raw = address.strip();
            return raw.length() <= LONGEST_KEYED_NAME ? raw : "sha256:" + sha256(raw);
        }
    }

    private static String minutes(Duration pause) {
        long seconds = Math.max(0, pause.toSeconds());
        return seconds < 60 ? seconds + " s" : (seconds + 59) / 60 + " min";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One throttle row to count: its key, what the audit trail calls it, and the failures that pause it. */
    record Key(String key, String subject, int threshold) {
    }

    private record Row(int failures, Instant lastAttemptAt, Instant pausedUntil) {
    }

    /** How one key was counted for an attempt; {@code pause} and {@code pausedUntil} when this attempt started a pause. */
    record Counted(Key key, int failures, Duration pause, Instant pausedUntil) {
    }

    /** A counted sign-in attempt, whose outcome is reported back. */
    record Attempt(List<Counted> counted) {
    }
}

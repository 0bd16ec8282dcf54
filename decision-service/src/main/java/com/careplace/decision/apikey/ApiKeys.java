package com.careplace.decision.apikey;

import com.careplace.decision.base.Sha256;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys of calling systems. Only a SHA-256 of each key is stored (keys are 256 random bits, so a
 * fast hash is enough). Lookups are cached for {@link #CACHE_TTL}: a revocation takes effect on every
 * node within that time (and the time one lookup takes: while a key is checked again, other requests with
 * it go on). While the database cannot be reached, a key this node verified within
 * {@link #TRUSTED_WHILE_UNREACHABLE} stays trusted (decisions go on; the decision log spools them), and
 * any other key cannot be checked ({@link org.springframework.dao.DataAccessException}, answered 503).
 */
@Service
public class ApiKeys {

    /** How long a node trusts a cached lookup. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(5);
    /** How long a verified key stays trusted while the database cannot be reached to check it again. */
    public static final Duration TRUSTED_WHILE_UNREACHABLE = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, CachedLookup> cache = new ConcurrentHashMap<>();
    /** Hashes of trusted keys being checked again right now. */
    private final Set<String> checking = ConcurrentHashMap.newKeySet();

    public ApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Issues a new key for {@code caller}. The key is returned once and never stored.
     *
     * @param caller the calling system, e.g. {@code intake-portal}
     */
    @Transactional
    public IssuedKey issue(String caller) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "cpk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store(caller, key);
        return new IssuedKey(caller, key);
    }

    /**
     * Registers a key chosen elsewhere (the configured bootstrap key), unless it is already registered.
     * Not transactional on purpose: two nodes starting together both try, and the loser's duplicate
     * insert must not abort anything around it.
     */
    public void register(String caller, String key) {
        if (key.length() < 16) {
            throw new IllegalArgumentException("An API key must have at least 16 characters");
        }
        Integer existing = jdbc.queryForObject("select count(*) from api_key where key_hash = ?", Integer.class, hash(key));
        if (existing == null || existing == 0) {
            try {
                store(caller, key);
            } catch (DuplicateKeyException e) {
                // Another node registered the same key a moment ago: that is the outcome we wanted.
            }
        }
    }

    /** Revokes every key of {@code caller}; returns how many were active. */
    @Transactional
    public int revoke(String caller) {
        int revoked = jdbc.update("update api_key set revoked_at = ? where caller = ? and revoked_at is null",
                Timestamp.from(clock.instant()), caller);
        cache.clear();
        return revoked;
    }

    /**
     * The calling system owning {@code key}, when the key exists and is not revoked.
     *
     * @throws DataAccessException when the database cannot be reached and the key was not verified lately
     */
    public Optional<String> authenticate(String key) {
        String hash = hash(key);
        Instant now = clock.instant();
        CachedLookup cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.caller();
        }
        boolean trusted = cached != null && cached.caller().isPresent()
                && cached.verifiedAt().isAfter(now.minus(TRUSTED_WHILE_UNREACHABLE));
        if (trusted && !checking.add(hash)) {
            // Another request is checking this valid key again: no need for two, nor to hold this one meanwhile
            // (while the database is unreachable, a check waits for the connection timeout).
            return cached.caller();
        }
        List<String> callers;
        try {
            callers = jdbc.queryForList("select caller from api_key where key_hash = ? and revoked_at is null",
                    String.class, hash);
        } catch (DataAccessException e) {
            if (trusted) {
                cache.put(hash, new CachedLookup(cached.caller(), cached.verifiedAt(), now.plus(CACHE_TTL)));
                return cached.caller();
            }
            throw e;
        } finally {
            if (trusted) {
                checking.remove(hash);
            }
        }
        Optional<String> caller = callers.stream().findFirst();
        if (cache.size() > 10_000) {
            cache.clear(); // unknown keys must not grow the cache without bound
        }
        cache.put(hash, new CachedLookup(caller, now, now.plus(CACHE_TTL)));
        return caller;
    }

    private void store(String caller, String key) {
        jdbc.update("insert into api_key (id, caller, key_hash, created_at) values (?, ?, ?, ?)",
                UUID.randomUUID().toString(), caller, hash(key), Timestamp.from(clock.instant()));
    }

    /** Every key's owner and dates, newest first; never the key or its hash. */
    public List<KeyInfo> list() {
        return jdbc.query("select caller, created_at, revoked_at from api_key order by created_at desc",
                (rs, i) -> new KeyInfo(rs.getString("caller"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()));
    }

    static String hash(String key) {
        return Sha256.hex(key);
    }

    /**
     * A newly issued key.
     *
     * @param caller the system it belongs to
     * @param key    the secret, shown once
     */
    public record IssuedKey(String caller, String key) {
    }

    /**
     * What is known of a key without revealing it.
     *
     * @param caller    the system it belongs to
     * @param createdAt when it was issued
     * @param revokedAt when it was revoked; {@code null} while valid
     */
    public record KeyInfo(String caller, Instant createdAt, Instant revokedAt) {
    }

    private record CachedLookup(Optional<String> caller, Instant verifiedAt, Instant until) {
    }
}

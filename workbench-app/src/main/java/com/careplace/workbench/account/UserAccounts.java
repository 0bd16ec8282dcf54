package com.careplace.workbench.account;

import com.careplace.workbench.audit.AuditTrail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Workbench users, their roles and passwords. Administrators create users and reset passwords, which
 * hands out one-time passwords; a user signing in with one must choose their own first, before it
 * expires ({@link SignInSettings#oneTimePasswordValidity()}). The last enabled administrator cannot be
 * disabled or lose the role (nobody could manage users any more), and no administrator changes their own
 * roles (someone else must agree). Disabling a user, changing their roles or resetting their password
 * raises the account's session version, which ends their open sessions ({@link SessionVersionCheck}).
 */
@Service
public class UserAccounts implements UserDetailsService {

    /** Shortest password a user may choose. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration oneTimePasswordValidity;

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, AuditTrail audit, Clock clock, SignInSettings settings) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.oneTimePasswordValidity = settings.oneTimePasswordValidity();
    }

    /**
     * The account as Spring Security signs it in: its password hash, whether it may sign in, whether its
     * one-time password expired, its roles, and the session version its session will be bound to.
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.query("select * from app_user where username = ?", (rs, n) -> {
            UserAccount account = account(rs, n);
            return new SignedInUser(account.username(), rs.getString("password_hash"), account.enabled(),
                    !account.oneTimePasswordExpired(), account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                    rs.getLong("session_version"));
        }, username).stream().findFirst().orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    /** Every user, by name. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return jdbc.query("select * from app_user order by username", this::account);
    }

    /** The signed-in user's own account. */
    @PreAuthorize("#username == authentication.name")
    public Optional<UserAccount> own(String username) {
        return find(username);
    }

    /**
     * Creates a user with a one-time password, to be handed over once.
     *
     * @throws IllegalArgumentException naming what is wrong with the name or roles, or that the name is taken
     */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public OneTimePassword create(String username, Set<Role> roles, String by) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username must be 2-64 characters: lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter");
        }
        requireRoles(roles);
        OneTimePassword password = OneTimePassword.generate(name);
        insert(name, password.password(), roles, true, by);
        audit.record(by, "user.create", name, "roles " + label(roles));
        return password;
    }

    /**
     * Replaces a user's roles, and ends their open sessions (they sign in again with the new roles).
     *
     * @throws IllegalArgumentException when no role is chosen, when it would leave no enabled administrator, or
     *                                  when {@code by} changes their own roles
     */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public void changeRoles(String username, Set<Role> roles, String by) {
        requireRoles(roles);
        UserAccount account = locked(username);
        if (account.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(username);
        }
        if (roles.equals(account.roles())) {
            return; // nothing changes: no record, and the user's sessions go on
        }
        // One person alone cannot raise (or quietly trim) their own rights: another administrator must.
        if (username.equals(by)) {
            throw new IllegalArgumentException("administrators cannot change their own roles: ask another administrator");
        }
        jdbc.update("update app_user set roles = ?, session_version = session_version + 1 where username = ?", serialize(roles), username);
        audit.record(by, "user.roles", username, label(account.roles()) + " → " + label(roles));
    }

    /** Lets a user sign in, or stops them (ending their open sessions). */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public void setEnabled(String username, boolean enabled, String by) {
        UserAccount account = locked(username);
        if (!enabled && account.roles().contains(Role.ADMIN)) {
            requireAnotherAdmin(username);
        }
        jdbc.update("update app_user set enabled = ?, session_version = session_version + 1 where username = ?", enabled, username);
        audit.record(by, enabled ? "user.enable" : "user.disable", username, enabled ? "may sign in" : "may no longer sign in");
    }

    /**
     * Gives a user a new one-time password (they forgot theirs, or the last one expired) and ends their open
     * sessions: whoever was signed in with the old password is signed out.
     */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public OneTimePassword resetPassword(String username, String by) {
        locked(username);
        OneTimePassword password = OneTimePassword.generate(username);
        jdbc.update("update app_user set password_hash = ?, must_change_password = true, one_time_password_issued_at = ?, "
                + "session_version = session_version + 1 where username = ?",
                encoder.encode(password.password()), now(), username);
        audit.record(by, "user.password-reset", username, "one-time password issued");
        return password;
    }

    /**
     * The signed-in user replaces their password.
     *
     * @throws IllegalArgumentException when the current password is wrong or the new one is too weak, saying which
     */
    @PreAuthorize("#username == authentication.name")
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword) {
        String hash = jdbc.queryForObject("select password_hash from app_user where username = ? for update", String.class, username);
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            throw new IllegalArgumentException("current password is not correct");
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("new password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (newPassword.equals(currentPassword)) {
            throw new IllegalArgumentException("new password must differ from the current one");
        }
        if (newPassword.toLowerCase().contains(username.toLowerCase())) {
            throw new IllegalArgumentException("new password must not contain the username");
        }
        jdbc.update("update app_user set password_hash = ?, must_change_password = false, one_time_password_issued_at = null "
                + "where username = ?", encoder.encode(newPassword), username);
        audit.record(username, "user.password-change", username, "password changed");
    }

    /** Whether the user still signs in with a one-time password. */
    public boolean mustChangePassword(String username) {
        return find(username).map(UserAccount::mustChangePassword).orElse(false);
    }

    /** The first start: with no users at all, an administrator with a one-time password. */
    @Transactional
    Optional<OneTimePassword> createFirstAdmin(String username) {
        Integer users = jdbc.queryForObject("select count(*) from app_user", Integer.class);
        if (users != null && users > 0) {
            return Optional.empty();
        }
        OneTimePassword password = OneTimePassword.generate(username);
        insert(username, password.password(), EnumSet.of(Role.ADMIN), true, "system");
        audit.record("system", "user.create", username, "first administrator, one-time password shown once in the start-up log");
        return Optional.of(password);
    }

    /**
     * A restart's way back in when the first administrator never signed in and their one-time password
     * expired: a new one for the operator's console. Only for that account, created by the first start, and
     * only while nobody else could reset it (no other enabled administrator).
     */
    @Transactional
    Optional<OneTimePassword> renewExpiredFirstAdmin(String username) {
        Optional<UserAccount> first = jdbc.query("select * from app_user where username = ? and created_by = 'system' for update",
                this::account, username).stream().findFirst();
        if (first.isEmpty() || !first.get().oneTimePasswordExpired() || !first.get().enabled()) {
            return Optional.empty();
        }
        boolean anotherAdmin = jdbc.query("select * from app_user where enabled = true and username <> ?", this::account, username)
                .stream().anyMatch(a -> a.roles().contains(Role.ADMIN));
        if (anotherAdmin) {
            return Optional.empty();
        }
        OneTimePassword password = OneTimePassword.generate(username);
        jdbc.update("update app_user set password_hash = ?, one_time_password_issued_at = ?, session_version = session_version + 1 "
                + "where username = ?", encoder.encode(password.password()), now(), username);
        audit.record("system", "user.password-reset", username, "first administrator's one-time password expired unused; "
                + "a new one shown once in the start-up log");
        return Optional.of(password);
    }

    /**
     * Whether a session's principal still stands for the account as it is now: same session version, still
     * enabled. Principals of any other kind never do.
     */
    boolean sessionStillCurrent(Object principal) {
        if (!(principal instanceof SignedInUser user)) {
            return false;
        }
        return jdbc.query("select enabled, session_version from app_user where username = ?",
                (rs, n) -> rs.getBoolean("enabled") && rs.getLong("session_version") == user.sessionVersion(), user.getUsername())
                .stream().findFirst().orElse(false);
    }

    /** A session ended because its account changed since it signed in. */
    void sessionEnded(String username) {
        audit.record(username, "session.ended", username, "account changed since sign-in (disabled, roles or password reset): signed out");
    }

    /** The demo switch: users with known passwords, for trying the workbench out; never on a real install. */
    @Transactional
    void seedDemoUser(String username, String password, Set<Role> roles) {
        if (find(username).isEmpty()) {
            insert(username, password, roles, false, "demo");
            audit.record("system", "user.create", username, "demo user, roles " + label(roles));
        }
    }

    private Optional<UserAccount> find(String username) {
        return jdbc.query("select * from app_user where username = ?", this::account, username).stream().findFirst();
    }

    private void insert(String username, String password, Set<Role> roles, boolean mustChange, String by) {
        try {
            Timestamp now = now();
            jdbc.update("insert into app_user (username, password_hash, roles, must_change_password, enabled, created_at, created_by, "
                    + "one_time_password_issued_at) values (?, ?, ?, ?, true, ?, ?, ?)", username, encoder.encode(password), serialize(roles),
                    mustChange, now, by, mustChange ? now : null);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("username '" + username + "' is already taken");
        }
    }

    private UserAccount locked(String username) {
        return jdbc.query("select * from app_user where username = ? for update", this::account, username)
                .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
    }

    private void requireAnotherAdmin(String username) {
        boolean another = jdbc.query("select * from app_user where enabled = true and username <> ? for update", this::account,
                username).stream().anyMatch(a -> a.roles().contains(Role.ADMIN));
        if (!another) {
            throw new IllegalArgumentException(username + " is the last enabled administrator; make someone else one first");
        }
    }

    /** Now, in microseconds as the database keeps it: an expiry read back is the one computed. */
    private Timestamp now() {
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("choose at least one role");
        }
    }

    private UserAccount account(ResultSet rs, int n) throws SQLException {
        boolean mustChange = rs.getBoolean("must_change_password");
        Timestamp issued = rs.getTimestamp("one_time_password_issued_at");
        Instant expires = !mustChange ? null : (issued == null ? Instant.EPOCH : issued.toInstant()).plus(oneTimePasswordValidity);
        return new UserAccount(rs.getString("username"), roles(rs.getString("roles")), mustChange, rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), expires,
                expires != null && !clock.instant().isBefore(expires));
    }

    private static Set<Role> roles(String column) {
        return Arrays.stream(column.split(",")).filter(s -> !s.isBlank()).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static String serialize(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
    }

    private static String label(Set<Role> roles) {
        return roles.isEmpty() ? "none" : EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(", "));
    }
}

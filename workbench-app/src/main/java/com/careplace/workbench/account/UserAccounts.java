package com.careplace.workbench.account;

import com.careplace.workbench.audit.AuditTrail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.User;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Workbench users, their roles and passwords. Administrators create users and reset passwords, which
 * hands out one-time passwords; a user signing in with one must choose their own first. The last
 * enabled administrator cannot be disabled or lose the role (nobody could manage users any more).
 */
@Service
public class UserAccounts implements UserDetailsService {

    /** Shortest password a user may choose. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, AuditTrail audit) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.query("select * from app_user where username = ?", (rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled"))
                        .authorities(roles(rs.getString("roles")).stream().map(Role::authority).toArray(String[]::new))
                        .build(), username)
                .stream().findFirst().orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    /** Every user, by name. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return jdbc.query("select * from app_user order by username", UserAccounts::account);
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

    /** Replaces a user's roles. */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public void changeRoles(String username, Set<Role> roles, String by) {
        requireRoles(roles);
        UserAccount account = locked(username);
        if (account.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(username);
        }
        jdbc.update("update app_user set roles = ? where username = ?", serialize(roles), username);
        audit.record(by, "user.roles", username, label(account.roles()) + " → " + label(roles));
    }

    /** Lets a user sign in, or stops them. */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public void setEnabled(String username, boolean enabled, String by) {
        UserAccount account = locked(username);
        if (!enabled && account.roles().contains(Role.ADMIN)) {
            requireAnotherAdmin(username);
        }
        jdbc.update("update app_user set enabled = ? where username = ?", enabled, username);
        audit.record(by, enabled ? "user.enable" : "user.disable", username, enabled ? "may sign in" : "may no longer sign in");
    }

    /** Gives a user a new one-time password (they forgot theirs). */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    @Transactional
    public OneTimePassword resetPassword(String username, String by) {
        locked(username);
        OneTimePassword password = OneTimePassword.generate(username);
        jdbc.update("update app_user set password_hash = ?, must_change_password = true where username = ?",
                encoder.encode(password.password()), username);
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
        jdbc.update("update app_user set password_hash = ?, must_change_password = false where username = ?",
                encoder.encode(newPassword), username);
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

    /** The demo switch: users with known passwords, for trying the workbench out; never on a real install. */
    @Transactional
    void seedDemoUser(String username, String password, Set<Role> roles) {
        if (find(username).isEmpty()) {
            insert(username, password, roles, false, "demo");
            audit.record("system", "user.create", username, "demo user, roles " + label(roles));
        }
    }

    private Optional<UserAccount> find(String username) {
        return jdbc.query("select * from app_user where username = ?", UserAccounts::account, username).stream().findFirst();
    }

    private void insert(String username, String password, Set<Role> roles, boolean mustChange, String by) {
        try {
            jdbc.update("insert into app_user (username, password_hash, roles, must_change_password, enabled, created_at, created_by) "
                    + "values (?, ?, ?, ?, true, ?, ?)", username, encoder.encode(password), serialize(roles), mustChange,
                    Timestamp.from(clock.instant()), by);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("username '" + username + "' is already taken");
        }
    }

    private UserAccount locked(String username) {
        return jdbc.query("select * from app_user where username = ? for update", UserAccounts::account, username)
                .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
    }

    private void requireAnotherAdmin(String username) {
        boolean another = jdbc.query("select * from app_user where enabled = true and username <> ? for update", UserAccounts::account,
                username).stream().anyMatch(a -> a.roles().contains(Role.ADMIN));
        if (!another) {
            throw new IllegalArgumentException(username + " is the last enabled administrator; make someone else one first");
        }
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("choose at least one role");
        }
    }

    private static UserAccount account(ResultSet rs, int n) throws SQLException {
        return new UserAccount(rs.getString("username"), roles(rs.getString("roles")), rs.getBoolean("must_change_password"),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
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

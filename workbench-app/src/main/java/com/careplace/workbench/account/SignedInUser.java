package com.careplace.workbench.account;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Collection;

/**
 * The principal of a signed-in session: Spring Security's user plus the account's session version at
 * sign-in. The session lives only while the account still has that version (see {@link SessionVersionCheck}).
 */
final class SignedInUser extends User {

    private final long sessionVersion;

    SignedInUser(String username, String passwordHash, boolean enabled, boolean oneTimePasswordCurrent,
                 Collection<? extends GrantedAuthority> authorities, long sessionVersion) {
        super(username, passwordHash, enabled, true, oneTimePasswordCurrent, true, authorities);
        this.sessionVersion = sessionVersion;
    }

    long sessionVersion() {
        return sessionVersion;
    }

    // User's equality is by username alone; sessions of the same user before and after a change are not equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser that && super.equals(that) && sessionVersion == that.sessionVersion;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Long.hashCode(sessionVersion);
    }
}

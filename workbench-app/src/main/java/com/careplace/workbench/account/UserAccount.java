package com.careplace.workbench.account;

import java.time.Instant;
import java.util.Set;

/**
 * A workbench user as administrators see it (never the password hash).
 *
 * @param username                  sign-in name, also the actor in the audit trail
 * @param roles                     what the user may do
 * @param mustChangePassword        signed in with a one-time password that must be replaced first
 * @param enabled                   may sign in
 * @param createdAt                 when the account was created
 * @param createdBy                 who created it
 * @param oneTimePasswordExpiresAt  when the one-time password stops working; null once the user chose their own
 * @param oneTimePasswordExpired    the one-time password no longer works: an administrator must reset it
 */
public record UserAccount(String username, Set<Role> roles, boolean mustChangePassword, boolean enabled,
                          Instant createdAt, String createdBy, Instant oneTimePasswordExpiresAt, boolean oneTimePasswordExpired) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }
}

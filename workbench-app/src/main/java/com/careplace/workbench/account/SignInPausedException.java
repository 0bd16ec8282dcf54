package com.careplace.workbench.account;

import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused unchecked because too many failed ones came before it, for the name or from the
 * address. Thrown alike for names that are accounts and names that are not.
 */
class SignInPausedException extends LockedException {

    SignInPausedException() {
        super("Sign-in paused after too many failed attempts");
    }
}

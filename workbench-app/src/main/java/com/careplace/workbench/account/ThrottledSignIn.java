package com.careplace.workbench.account;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.Optional;

/**
 * Password sign-in with throttling: asks {@link SignInThrottle} before checking the password with
 * Spring Security's own provider, and tells it the outcome. It is the only authentication provider, so
 * nothing signs in around it.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Optional<SignInThrottle.Attempt> attempt;
        try {
            attempt = throttle.begin(username, address);
        } catch (DataAccessException unavailable) {
            // Without the counts, no sign-in: refusing is safer than guessing at full speed.
            throw new InternalAuthenticationServiceException("sign-in throttle unavailable", unavailable);
        }
        if (attempt.isEmpty()) {
            throw new SignInPausedException();
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            throttle.passwordWasRight(attempt.get());
            return signedIn;
        } catch (CredentialsExpiredException expiredOneTimePassword) {
            // The right one-time password, only too old: not a guess. The user is told to ask for a new one.
            throttle.passwordWasRight(attempt.get());
            throw expiredOneTimePassword;
        } catch (InternalAuthenticationServiceException unavailable) {
            throw unavailable;
        } catch (AuthenticationException refused) {
            throttle.failed(attempt.get(), username);
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

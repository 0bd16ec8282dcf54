package com.careplace.workbench.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Ends a signed-in session as soon as its account changed in a way that must sign the user out: disabled,
 * roles changed, password reset by an administrator. Each such change raises the account's session
 * version in the database; every request of a session compares the version it signed in under (kept in
 * its principal) with the database's, so the change takes effect on the next request, on every node,
 * without a session registry. A session that cannot show a version (none of ours) is ended too.
 */
final class SessionVersionCheck extends OncePerRequestFilter {

    private final UserAccounts accounts;

    SessionVersionCheck(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            // Looked up per request: Vaadin installs its own holder strategy after start-up.
            Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)
                    && !accounts.sessionStillCurrent(authentication.getPrincipal())) {
                session.invalidate();
                SecurityContextHolder.getContextHolderStrategy().clearContext();
                accounts.sessionEnded(authentication.getName());
            }
        }
        // The request goes on anonymous: a screen answers with the sign-in page, Vaadin with "session expired".
        chain.doFilter(request, response);
    }
}

package com.careplace.workbench;

import com.careplace.workbench.account.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

import java.util.Arrays;

/** Service tests act as a signed-in user, as the UI does: the services check roles and actors. */
public final class SignedIn {

    private SignedIn() {
    }

    public static void as(String username, Role... roles) {
        SecurityContextHolder.setContext(new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(username, "n/a",
                Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.authority())).toList())));
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}

package com.careplace.workbench.account;

import com.careplace.workbench.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, failed sign-ins and sign-outs go on the audit trail (the name tried, never the password).
 * Pauses after too many failures are recorded where they start ({@link SignInThrottle}).
 */
@Component
class SignInAudit {

    private final AuditTrail audit;

    SignInAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        audit.record(name, "sign-in", name, "signed in");
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String name = nameTried(event.getAuthentication().getName());
        audit.record(name, "sign-in.failed", name, event.getException().getClass().getSimpleName());
    }

    /**
     * A name typed at sign-in as the audit trail keeps it: anything may be typed there, so control characters
     * are replaced and the length is bounded (accounts have at most 64 characters), and a long or strange
     * name is refused like any other rather than failing the record.
     */
    static String nameTried(String typed) {
        String name = typed == null ? "" : typed.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return name.length() <= 64 ? name : name.substring(0, 63) + "…";
    }

    /** Published by Spring Security's logout, which Vaadin's sign-out button runs too. */
    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        String name = event.getAuthentication().getName();
        audit.record(name, "sign-out", name, "signed out");
    }
}

package com.careplace.workbench.account;

import com.careplace.workbench.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Sign-ins and failed sign-ins go on the audit trail (the name tried, never the password). */
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
        String name = String.valueOf(event.getAuthentication().getName());
        audit.record(name, "sign-in.failed", name, event.getException().getClass().getSimpleName());
    }
}

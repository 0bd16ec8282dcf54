package com.careplace.workbench.account;

import com.careplace.decision.apikey.ApiKeys;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.List;

/** Administrators issue and revoke the API keys of calling systems (EHRs, intake portals), on the record. */
@Service
public class CallerKeys {

    private final ApiKeys keys;
    private final AuditTrail audit;

    public CallerKeys(ApiKeys keys, AuditTrail audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiKeys.KeyInfo> list() {
        return keys.list();
    }

    /** A new key for {@code caller}; the key is shown once, only its hash is stored. */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    public ApiKeys.IssuedKey issue(String caller, String by) {
        ApiKeys.IssuedKey key = keys.issue(caller);
        audit.record(by, "api-key.issue", key.caller(), "key issued");
        return key;
    }

    /** Revokes every key of {@code caller}; returns how many. */
    @PreAuthorize("hasRole('ADMIN') and #by == authentication.name")
    public int revoke(String caller, String by) {
        int revoked = keys.revoke(caller);
        audit.record(by, "api-key.revoke", caller, revoked + " key(s) revoked");
        return revoked;
    }
}

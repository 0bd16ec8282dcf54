package com.careplace.workbench.audit;

import java.time.Instant;

/**
 * A filter over the audit trail; {@code null} fields do not filter.
 *
 * @param actor   exactly this actor
 * @param action  exactly this action
 * @param subject subjects containing this text (an asset path, a change request id)
 * @param from    at or after
 * @param to      before
 */
public record AuditQuery(String actor, String action, String subject, Instant from, Instant to) {

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null);
    }
}

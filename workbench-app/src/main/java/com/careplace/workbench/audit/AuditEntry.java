package com.careplace.workbench.audit;

import java.time.Instant;

/**
 * One recorded action.
 *
 * @param seq      position in the trail, from 1, without gaps
 * @param at       when
 * @param actor    who
 * @param action   what kind of action, e.g. {@code change-request.submit}
 * @param subject  what it was done to, e.g. a change request id or an asset path
 * @param detail   what happened, in words
 * @param prevHash the previous entry's hash
 * @param hash     SHA-256 over this entry's fields and {@code prevHash}
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String detail,
                         String prevHash, String hash) {
}

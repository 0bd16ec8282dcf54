package com.careplace.workbench.review;

import java.time.Instant;

/**
 * A reviewer's decision on a submitted change request, as the review table keeps it (the only place).
 *
 * @param changeRequestId what was decided
 * @param reviewer        who decided
 * @param approved        approved (a release was built) or sent back to its author
 * @param comment         the reviewer's words; required when sending back
 * @param at              when
 */
public record Verdict(String changeRequestId, String reviewer, boolean approved, String comment, Instant at) {
}

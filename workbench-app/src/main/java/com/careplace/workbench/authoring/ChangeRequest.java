package com.careplace.workbench.authoring;

import java.time.Instant;

/**
 * A proposed change to the rules: edited in isolation from mainline and from other change requests.
 *
 * @param id        stable id
 * @param title     what it changes, in a line
 * @param rationale why (clinical source, payer bulletin…)
 * @param author    who opened it
 * @param status    where it is in its life
 * @param createdAt when it was opened
 * @param reviewedBy    who reviewed it last; {@code null} before any review
 * @param reviewComment that reviewer's comment (why it came back, when rejected)
 */
public record ChangeRequest(String id, String title, String rationale, String author, Status status, Instant createdAt,
                            String reviewedBy, String reviewComment) {

    /** Whether a reviewer sent it back to its author (open again, with a comment). */
    public boolean sentBack() {
        return status == Status.OPEN && reviewedBy != null;
    }

    /** Life of a change request; only {@code OPEN} ones can be edited. */
    public enum Status { OPEN, SUBMITTED, APPROVED, REJECTED }
}

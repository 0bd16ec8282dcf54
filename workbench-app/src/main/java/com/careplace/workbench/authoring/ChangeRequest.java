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
 */
public record ChangeRequest(String id, String title, String rationale, String author, Status status, Instant createdAt) {

    /** Life of a change request; only {@code OPEN} ones can be edited; {@code WITHDRAWN} is its author's "not after all". */
    public enum Status { OPEN, SUBMITTED, APPROVED, REJECTED, WITHDRAWN }
}

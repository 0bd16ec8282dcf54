package com.careplace.workbench.review;

import com.careplace.workbench.authoring.ChangeRequest;

/** A verdict was given on a change request that changed after the reviewer's screen showed it. */
public class ChangedSinceSeenException extends RuntimeException {

    ChangedSinceSeenException(ChangeRequest request) {
        super("Change request '" + request.title() + "' changed after you opened it (edited, sent back, resubmitted, or "
                + "mainline moved): nothing was decided. The page now shows its current state; review that.");
    }
}

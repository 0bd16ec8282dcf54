package com.careplace.workbench.authoring;

import java.util.List;

/** A change request cannot go to review: it does not compile, a suite fails, or it changes nothing. */
public class SubmissionRefusedException extends RuntimeException {

    private final List<String> reasons;

    public SubmissionRefusedException(List<String> reasons) {
        super("Not submitted: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}

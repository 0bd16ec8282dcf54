package com.careplace.workbench.authoring;

import com.careplace.workbench.rules.CheckReport;

import java.util.List;
import java.util.Optional;

/** A change request cannot go to review: it does not compile, a suite fails, or it changes nothing. */
public class SubmissionRefusedException extends RuntimeException {

    private final List<String> reasons;
    private final transient CheckReport report;

    /** Refused before any check ran (it changes nothing, say). */
    public SubmissionRefusedException(List<String> reasons) {
        this(reasons, null);
    }

    /** Refused by its check: the report says where, so the screen can show it. */
    public SubmissionRefusedException(CheckReport report) {
        this(report.reasons(), report);
    }

    private SubmissionRefusedException(List<String> reasons, CheckReport report) {
        super("Not submitted: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.report = report;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The check that refused it, when one ran. */
    public Optional<CheckReport> report() {
        return Optional.ofNullable(report);
    }
}

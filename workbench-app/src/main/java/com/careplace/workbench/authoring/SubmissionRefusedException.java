package com.careplace.workbench.authoring;

import com.careplace.workbench.rules.CheckReport;

import java.util.List;
import java.util.Optional;

/** A change request cannot go to review: it does not compile, a suite fails, or it changes nothing. */
public class SubmissionRefusedException extends RuntimeException {

    private final List<String> reasons;
    private final transient CheckReport report;
    private final List<String> uncoveredRules;

    /** Refused before any check ran (it changes nothing, say). */
    public SubmissionRefusedException(List<String> reasons) {
        this(reasons, null);
    }

    /** Refused by its check: the report says where, so the screen can show it. */
    public SubmissionRefusedException(CheckReport report) {
        this(report.reasons(), report);
    }

    /** Refused because rules fire in no scenario and no reason was given to submit them so. */
    public static SubmissionRefusedException uncovered(CheckReport report, List<String> rules) {
        return new SubmissionRefusedException(List.of(rules.size() + " rule(s) fire in no scenario (" + String.join(", ", rules)
                + "): add a scenario for each, or give the reviewer a reason to submit without"), report, rules);
    }

    private SubmissionRefusedException(List<String> reasons, CheckReport report) {
        this(reasons, report, List.of());
    }

    private SubmissionRefusedException(List<String> reasons, CheckReport report, List<String> uncoveredRules) {
        super("Not submitted: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.report = report;
        this.uncoveredRules = List.copyOf(uncoveredRules);
    }

    /** The rules no scenario fires, when that is why it was refused (a reason to waive it would let it through). */
    public List<String> uncoveredRules() {
        return uncoveredRules;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The check that refused it, when one ran. */
    public Optional<CheckReport> report() {
        return Optional.ofNullable(report);
    }
}

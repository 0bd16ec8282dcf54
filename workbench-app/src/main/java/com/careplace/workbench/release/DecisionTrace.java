package com.careplace.workbench.release;

import java.time.Instant;
import java.util.List;

/**
 * Why a logged decision came out as it did: the release that decided it, the rules that fired, and for
 * each rule where it is written and the approved change requests that shaped it.
 *
 * @param decisionId     the decision log's id
 * @param decidedAt      when
 * @param caller         the calling system
 * @param releaseVersion the release that decided it
 * @param level          the level of care code decided
 * @param iopStatus      the IOP status decided
 * @param rules          the fired rules, in firing order
 * @param feedback       what clinicians did with the decision's CDS Hooks card, oldest first; empty for other callers
 */
public record DecisionTrace(long decisionId, Instant decidedAt, String caller, String releaseVersion, String level, String iopStatus,
                            List<FiredRule> rules, List<ClinicianFeedback> feedback) {

    public DecisionTrace {
        rules = List.copyOf(rules);
        feedback = List.copyOf(feedback);
    }

    /**
     * What a clinician did with the decision's CDS Hooks card.
     *
     * @param overridden true when overridden, false when accepted
     * @param reason     the override reason in words; empty when none was given
     * @param comment    the clinician's comment; empty when none (PHI, like the decision)
     * @param at         when, as the EHR said
     */
    public record ClinicianFeedback(boolean overridden, String reason, String comment, Instant at) {

        @Override
        public String toString() {
            return "ClinicianFeedback[" + (overridden ? "overridden" : "accepted") + ", " + reason + "]";
        }
    }

    /**
     * One fired rule.
     *
     * @param name      the rule's name
     * @param asset     the file it is written in; empty when not found in the release's sources
     * @param source    its DRL block or decision-table row in that release
     * @param shapedBy  approved change requests that changed this rule up to that release, oldest first
     */
    public record FiredRule(String name, String asset, String source, List<Shaping> shapedBy) {

        public FiredRule {
            shapedBy = List.copyOf(shapedBy);
        }
    }

    /**
     * A change request that changed a rule.
     *
     * @param releaseVersion  the release it went into
     * @param changeRequestId the change request
     * @param title           its title
     * @param author          who wrote it
     * @param approvedBy      who approved it
     */
    public record Shaping(String releaseVersion, String changeRequestId, String title, String author, String approvedBy) {
    }

    /**
     * A line of the recent-decisions list (no patient data: outcome only).
     *
     * @param id             the decision log's id
     * @param decidedAt      when
     * @param caller         the calling system
     * @param releaseVersion the release that decided it
     * @param level          the level of care code
     */
    public record LoggedDecision(long id, Instant decidedAt, String caller, String releaseVersion, String level) {
    }
}

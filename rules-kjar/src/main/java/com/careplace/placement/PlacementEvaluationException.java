package com.careplace.placement;

/** The rules could not produce a decision: they ran away or left it incomplete. Never the caller's fault. */
public class PlacementEvaluationException extends RuntimeException {

    /** Why evaluation failed, for metrics and for telling a runaway from a broken release. */
    public enum Kind {
        /** The rules fired more often or ran longer than {@link EvaluationLimits} allow. */
        RUNAWAY,
        /** The rules finished without deriving a level of care or an IOP status. */
        INCOMPLETE,
        /** A rule's consequence threw. */
        RULE_ERROR
    }

    private final Kind kind;

    public PlacementEvaluationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

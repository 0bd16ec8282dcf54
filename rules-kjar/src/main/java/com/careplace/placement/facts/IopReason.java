package com.careplace.placement.facts;

import com.fasterxml.jackson.annotation.JsonValue;

/** IOP reasons in the spec's order: exclusions first, then the eligible and not-indicated reasons. */
public enum IopReason {
    AGE_BELOW_MINIMUM("Patient is under 12; IOP is offered from age 12."),
    NO_QUALIFYING_DIAGNOSIS("No diagnosis in a category that qualifies for IOP."),
    WITHDRAWAL_NEEDS_MEDICAL_MANAGEMENT("Withdrawal risk (D1 rated 3 or higher) needs medical management."),
    MEDICALLY_UNSTABLE("Biomedical conditions (D2 rated 3 or higher) make the patient medically unstable."),
    IMMINENT_DANGER("Imminent danger: active suicidal ideation with a plan, or D3 rated 4."),
    UNSAFE_RECOVERY_ENVIRONMENT("Recovery environment (D6 rated 4) is unsafe."),
    INSUFFICIENT_AVAILABILITY("Available hours per week are below the minimum weekly IOP hours for the patient's age."),
    HIGHER_LEVEL_REQUIRED("The recommended level of care is above IOP (2.1)."),
    MEETS_IOP_CRITERIA("Recommended level is IOP (2.1) and no exclusion applies."),
    STEP_DOWN("Step down to IOP from a higher level of care the patient is in now."),
    LOWER_LEVEL_SUFFICIENT("A level of care below IOP is sufficient.");

    private final String message;

    IopReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The contract's JSON shape: {@code {"code": "...", "message": "..."}}. */
    @JsonValue
    public Coded json() {
        return new Coded(name(), message);
    }

    /** JSON view of a reason. */
    public record Coded(String code, String message) {
    }
}

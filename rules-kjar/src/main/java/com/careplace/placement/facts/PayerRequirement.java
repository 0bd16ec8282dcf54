package com.careplace.placement.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Derived by decision table 3: something the payer requires; {@code days} for those that recur (recertification, reviews). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PayerRequirement(PayerRequirementCode code, Integer days) implements java.io.Serializable {

    public static PayerRequirement of(PayerRequirementCode code) {
        return new PayerRequirement(code, null);
    }

    public static PayerRequirement recertificationEvery(int days) {
        return new PayerRequirement(PayerRequirementCode.RECERTIFICATION, days);
    }

    /** A requirement that recurs, e.g. {@code PayerRequirement.every(PayerRequirementCode.of("CONCURRENT_REVIEW"), 14)}. */
    public static PayerRequirement every(PayerRequirementCode code, int days) {
        return new PayerRequirement(code, days);
    }
}

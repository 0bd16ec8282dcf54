package com.careplace.placement;

import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.facts.WeeklyIopHours;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The decision of the spec's "Output" section, without the release (the caller that chose the
 * release adds it). Serialises with any Jackson to the contract's JSON shape.
 *
 * @param requestId          echoed from the request; omitted from JSON when the request had none
 * @param level              the recommended level of care
 * @param drivingDimensions  the dimensions driving the level, D1 to D6
 * @param iop                IOP eligibility
 * @param payer              payer requirements and warnings (empty unless IOP eligible)
 * @param firedRules         rule names in firing order
 */
public record PlacementDecision(
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        LevelOfCare level,
        List<Dimension> drivingDimensions,
        Iop iop,
        PayerOutcome payer,
        List<String> firedRules) implements java.io.Serializable {

    public PlacementDecision {
        drivingDimensions = List.copyOf(drivingDimensions);
        firedRules = List.copyOf(firedRules);
    }

    /**
     * IOP eligibility.
     *
     * @param status      eligible, not eligible or not indicated
     * @param reasons     exclusions in the spec's order, or the one reason for the status
     * @param weeklyHours IOP hours for the age group; {@code null} (and present in JSON) under 12
     */
    public record Iop(IopStatus status, List<IopReason> reasons,
                      @JsonInclude(JsonInclude.Include.ALWAYS) WeeklyIopHours weeklyHours) implements java.io.Serializable {
        public Iop {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * What the payer requires for IOP.
     *
     * @param requirements in the order prior authorization, physician certification, recertification
     * @param warnings     in the spec's order
     */
    public record PayerOutcome(List<PayerRequirement> requirements, List<PayerWarning> warnings) implements java.io.Serializable {
        public PayerOutcome {
            requirements = List.copyOf(requirements);
            warnings = List.copyOf(warnings);
        }
    }
}

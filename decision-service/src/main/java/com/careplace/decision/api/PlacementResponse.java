package com.careplace.decision.api;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.PlacementDecision;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The decision as the API returns it: the evaluator's decision plus the release that made it.
 *
 * @param requestId         echoed; absent when the request had none
 * @param release           which release decided
 * @param level             recommended level of care
 * @param drivingDimensions the dimensions driving it, D1 to D6
 * @param iop               IOP eligibility
 * @param payer             payer requirements and warnings
 * @param firedRules        rule names in firing order
 */
public record PlacementResponse(
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        ReleaseRef release,
        LevelOfCare level,
        List<Dimension> drivingDimensions,
        PlacementDecision.Iop iop,
        PlacementDecision.PayerOutcome payer,
        List<String> firedRules) {

    static PlacementResponse of(PlacementDecision decision, ReleaseRef release) {
        return new PlacementResponse(decision.requestId(), release, decision.level(), decision.drivingDimensions(),
                decision.iop(), decision.payer(), decision.firedRules());
    }

    /**
     * A release as callers see it.
     *
     * @param id      the release's stable id
     * @param version its semantic version
     */
    public record ReleaseRef(String id, String version) {
    }
}

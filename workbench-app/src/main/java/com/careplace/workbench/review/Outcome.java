package com.careplace.workbench.review;

import com.careplace.placement.PlacementDecision;

import java.util.List;

/**
 * The parts of a decision a reviewer compares: where the patient goes and what IOP and the payer say.
 *
 * @param level        level code
 * @param drivers      driving dimensions
 * @param iopStatus    IOP status
 * @param reasons      IOP reason codes
 * @param requirements payer requirement codes (with days where they have them)
 * @param weeklyHours  IOP hours for the age group, e.g. {@code 9-19}; empty under 12
 * @param warnings     payer warning codes
 */
public record Outcome(String level, List<String> drivers, String iopStatus, List<String> reasons, String weeklyHours,
                      List<String> requirements, List<String> warnings) {

    static Outcome of(PlacementDecision decision) {
        return new Outcome(decision.level().code(), decision.drivingDimensions().stream().map(Enum::name).toList(),
                decision.iop().status().name(), decision.iop().reasons().stream().map(r -> r.code()).toList(),
                decision.iop().weeklyHours() == null ? "" : decision.iop().weeklyHours().min() + "-" + decision.iop().weeklyHours().max(),
                decision.payer().requirements().stream()
                        .map(r -> r.days() == null ? r.code().code() : r.code().code() + " " + r.days() + " days").toList(),
                decision.payer().warnings().stream().map(w -> w.code()).toList());
    }

    /**
     * A case the rules could not decide (a request naming what the release's vocabulary lacks, a rule that
     * throws): shown as its own outcome, never left out of the impact.
     */
    static Outcome notDecided(String why) {
        return new Outcome("none", List.of(), "not decided: " + why, List.of(), "", List.of(), List.of());
    }

    /** Whether the rules could not decide the case. */
    public boolean undecided() {
        return iopStatus.startsWith("not decided");
    }
}

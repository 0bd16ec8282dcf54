package com.careplace.placement;

/** Reported suicide risk, lowest first. */
public enum SuicideRisk {
    NONE, PASSIVE_IDEATION, ACTIVE_IDEATION_NO_PLAN, ACTIVE_IDEATION_WITH_PLAN
}

package com.careplace.placement.facts;

/** Outcome of the IOP eligibility rules. */
public enum IopStatus {
    ELIGIBLE, NOT_ELIGIBLE, NOT_INDICATED
}
